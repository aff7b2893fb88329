import { addDays, capacityOf, DaySlots, emptyLaneLoads, LANE_KINDS, LANES, loadOfLane, overBooked, ProviderCapacity, settlementDayOf, settlementDayStart } from '@halfhour/domain';
import { ItemRepository } from '../items/item-repository';
import { loadsBySlot } from '../planning/slot-loads';
import { CapacityBook, CapacityChange } from './capacity-book';

/**
 * Changes a provider's capacity at run time and re-makes the rest of its plan: under the placement
 * lock, from the next slot on (today's and tomorrow's), each slot gives up the planned reads that
 * no longer fit its lanes — those due last first — and they wait for the slot placer, which puts
 * them where the new figures have room, never above them. Audited: who, when, why, before, after,
 * and how many reads were moved.
 */
export class CapacityChanges {
  constructor(
    private readonly book: CapacityBook,
    private readonly items: Pick<ItemRepository, 'inTransaction' | 'lockPlacement' | 'slotLoads' | 'releasePlanned'>,
    private readonly slotsOf: (day: string) => DaySlots,
  ) {}

  async change(provider: string, current: ProviderCapacity, who: { changedBy: string; reason: string }, now: Date): Promise<CapacityChange> {
    return this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const previous = capacityOf(await this.book.current(manager), provider);
      let released = 0;
      const today = settlementDayOf(now);
      for (const day of [today, addDays(today, 1)]) {
        const slots = this.slotsOf(day);
        const rows = await this.items.slotLoads(settlementDayStart(day), settlementDayStart(addDays(day, 1)), manager);
        const loads = loadsBySlot(slots, rows).get(provider) ?? emptyLaneLoads(slots.starts.length);
        const excess = overBooked(current, slots, loads);
        for (let s = 0; s < slots.starts.length; s++) {
          // The slot under way keeps what it has: its reads are going out now.
          if (slots.starts[s] <= now.getTime()) continue;
          for (const lane of LANES) {
            const count = loadOfLane(excess, lane)[s];
            if (count > 0) released += await this.items.releasePlanned(manager, provider, new Date(slots.starts[s]), LANE_KINDS[lane], count);
          }
        }
      }
      const change: CapacityChange = { provider, changedAt: now, changedBy: who.changedBy, reason: who.reason, previous, current, released };
      await this.book.set(manager, change);
      return change;
    });
  }
}
