import { CollectionDemand, DaySlots, laneOf, LANES, planDay as placeDemands, planningDeadlineMs } from '@halfhour/domain';
import { OperatorAction, recordOperatorAction } from '@halfhour/persistence';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { loadsBySlot } from './slot-loads';

/**
 * The operator's "re-plan this day from now on": under the placement lock, every read of the day
 * planned in a slot still to come is taken out and placed again, lane by lane and evenly, on the
 * capacity in force and around what stays (reads under way, dispatched, done). What no longer
 * fits waits for a slot, as after a capacity cut. Audited with the change; run twice, it makes the
 * same plan again.
 */
export class DayReplan {
  constructor(
    private readonly items: Pick<ItemRepository, 'inTransaction' | 'lockPlacement' | 'releaseDayAfter' | 'slotLoads' | 'transition'>,
    private readonly capacity: Pick<CapacityBook, 'current'>,
    private readonly slotsOf: (planDay: string) => DaySlots,
    private readonly deadlineMarginMs: number,
  ) {}

  async replan(planDay: string, who: { requestedBy: string; reason: string }, now: Date): Promise<OperatorAction & { placed: number }> {
    return this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const slots = this.slotsOf(planDay);
      const released = await this.items.releaseDayAfter(manager, planDay, now);
      const end = new Date(slots.starts[0] + slots.starts.length * slots.slotMs);
      const loads = loadsBySlot(slots, await this.items.slotLoads(new Date(slots.starts[0]), end, manager));
      const capacity = await this.capacity.current(manager);
      const placements: { planDay: string; itemKey: string; slotStart: Date }[] = [];
      for (const lane of LANES) {
        const group = released.filter((item) => laneOf(item.kind) === lane);
        if (group.length === 0) continue;
        const plan = placeDemands(slots, capacity, group.map((item) => this.demandOf(item, now)), { loads, placement: 'even', lane });
        group.forEach((item, i) => plan.slotOf[i] >= 0 && placements.push({ planDay: item.planDay, itemKey: item.itemKey, slotStart: new Date(slots.starts[plan.slotOf[i]]) }));
      }
      const placed = await this.items.transition(manager, 'place', placements);
      const action = await recordOperatorAction(manager, { action: 'REPLAN_DAY', arguments: { planDay }, requestedBy: who.requestedBy, reason: who.reason, at: now, affected: released.length });
      return { ...action, placed: placed.length };
    });
  }

  /** A released read as the planner sees it: from the next slot at the earliest, by its deadline less the margin. */
  private demandOf(item: ItemRow, now: Date): CollectionDemand {
    const earliestMs = Math.max(new Date(item.earliest).getTime(), now.getTime() + 1);
    return {
      mpan: item.mpan, deviceId: item.deviceId, provider: item.provider, srv: item.srv, dataDay: item.dataDay, requesters: item.requesters,
      earliestMs, deadlineMs: planningDeadlineMs(earliestMs, new Date(item.deadline).getTime(), this.deadlineMarginMs),
    };
  }
}
