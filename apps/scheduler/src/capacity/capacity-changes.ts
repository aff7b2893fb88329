import { addDays, capacityOf, DaySlots, emptyLaneLoads, LANE_KINDS, LANES, loadOfLane, overBooked, ProviderCapacity, settlementDayOf, settlementDayStart } from '@halfhour/domain';
import { EntityManager } from 'typeorm';
import { ItemRepository } from '../items/item-repository';
import { loadsBySlot } from '../planning/slot-loads';
import { CapacityBook, CapacityChange } from './capacity-book';
import { ProviderOutages } from './provider-outages';

/** Who changes capacity when a provider goes out or comes back: the scheduler itself. */
export const OUTAGE_CHANGED_BY = 'scheduler (provider outage)';

/**
 * Changes the capacity in force for a provider and re-makes the rest of its plan: under the
 * placement lock, from the next slot on (today's and tomorrow's), each slot gives up the planned
 * reads that no longer fit its lanes — those due last first — and they wait for the slot placer,
 * which puts them where the new figures have room, never above them. Two causes: the operator
 * (PUT /capacity) and a provider outage (cut to its outage share until it answers again). Every
 * change is audited: who, when, why, before, after, and how many reads were moved.
 */
export class CapacityChanges {
  constructor(
    private readonly book: Pick<CapacityBook, 'current' | 'configured' | 'set' | 'audit' | 'cutForOutage'>,
    private readonly items: Pick<ItemRepository, 'inTransaction' | 'lockPlacement' | 'slotLoads' | 'releasePlanned'>,
    private readonly outages: Pick<ProviderOutages, 'all' | 'awaitingReplan' | 'replanned'>,
    private readonly slotsOf: (day: string) => DaySlots,
  ) {}

  async change(provider: string, current: ProviderCapacity, who: { changedBy: string; reason: string }, now: Date): Promise<CapacityChange> {
    return this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const previous = capacityOf(await this.book.configured(manager), provider);
      await this.book.set(manager, provider, current, { changedAt: now, changedBy: who.changedBy });
      // What placements will use: the new figures, or their outage share while the provider is out.
      const released = await this.releaseOverBooked(manager, provider, capacityOf(await this.book.current(manager), provider), now);
      const change: CapacityChange = { provider, changedAt: now, changedBy: who.changedBy, reason: who.reason, previous, current, released };
      await this.book.audit(manager, change);
      return change;
    });
  }

  /**
   * Re-makes the plan of each provider that went out or came back since its plan was last made:
   * out, its planned reads above the outage share wait for a slot again; back, the waiting reads
   * find their room through the slot placer. Once per change of state, whichever replica gets to it.
   */
  async replanForOutages(now: Date): Promise<number> {
    if (!(await this.outages.all()).some((row) => row.out !== row.plannedOut)) return 0;
    return this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const rows = await this.outages.awaitingReplan(manager);
      const configured = await this.book.configured(manager);
      for (const row of rows) {
        const normal = capacityOf(configured, row.provider);
        const cut = this.book.cutForOutage(normal);
        const released = row.out ? await this.releaseOverBooked(manager, row.provider, cut, now) : 0;
        await this.book.audit(manager, {
          provider: row.provider, changedAt: now, changedBy: OUTAGE_CHANGED_BY,
          reason: row.out
            ? `${row.provider} is out: ${row.failures} reads failed on the provider since ${row.since!.toISOString()} with none answered; planned at ${cut.readsPerSlot} reads a slot until it answers`
            : `${row.provider} answers again: back to ${normal.readsPerSlot} reads a slot`,
          previous: row.out ? normal : cut, current: row.out ? cut : normal, released,
        });
        await this.outages.replanned(manager, row.provider, row.out);
      }
      return rows.length;
    });
  }

  private async releaseOverBooked(manager: EntityManager, provider: string, capacity: ProviderCapacity, now: Date): Promise<number> {
    let released = 0;
    const today = settlementDayOf(now);
    for (const day of [today, addDays(today, 1)]) {
      const slots = this.slotsOf(day);
      const rows = await this.items.slotLoads(settlementDayStart(day), settlementDayStart(addDays(day, 1)), manager);
      const loads = loadsBySlot(slots, rows).get(provider) ?? emptyLaneLoads(slots.starts.length);
      const excess = overBooked(capacity, slots, loads);
      for (let s = 0; s < slots.starts.length; s++) {
        // The slot under way keeps what it has: its reads are going out now.
        if (slots.starts[s] <= now.getTime()) continue;
        for (const lane of LANES) {
          const count = loadOfLane(excess, lane)[s];
          if (count > 0) released += await this.items.releasePlanned(manager, provider, new Date(slots.starts[s]), LANE_KINDS[lane], count);
        }
      }
    }
    return released;
  }
}
