import { DaySlots, laneOf, LANES, placeClasses, placementClassKey, PlacementTally, planningDeadlineMs, SlotDispenser } from '@halfhour/domain';
import { OperatorAction, recordOperatorAction } from '@halfhour/persistence';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { ReleasedItem, ReleasedItems } from '../items/released-items';
import { loadsBySlot } from './slot-loads';

/** Released reads placed again, and their placements written, at a time. */
const REPLAN_PAGE = 5_000;

/**
 * The operator's "re-plan this day from now on": under the placement lock, every read of the day
 * planned in a slot still to come is taken out and placed again, lane by lane and evenly, on the
 * capacity in force and around what stays (reads under way, dispatched, done). What no longer
 * fits waits for a slot, as after a capacity cut. Audited with the change; run twice, it makes the
 * same plan again. Like the daily plan it places classes of reads (provider, lane, window), counted
 * in SQL, and writes the placements a page at a time: it never holds the day.
 */
export class DayReplan {
  private readonly released = new ReleasedItems();

  constructor(
    private readonly items: Pick<ItemRepository, 'inTransaction' | 'lockPlacement' | 'slotLoads' | 'transition'>,
    private readonly capacity: Pick<CapacityBook, 'current'>,
    private readonly slotsOf: (planDay: string) => DaySlots,
    private readonly deadlineMarginMs: number,
  ) {}

  async replan(planDay: string, who: { requestedBy: string; reason: string }, now: Date): Promise<OperatorAction & { placed: number }> {
    return this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const slots = this.slotsOf(planDay);
      const affected = await this.released.releaseDayAfter(manager, planDay, now);
      const end = new Date(slots.starts[0] + slots.starts.length * slots.slotMs);
      const loads = loadsBySlot(slots, await this.items.slotLoads(new Date(slots.starts[0]), end, manager));
      const capacity = await this.capacity.current(manager);
      const tally = new PlacementTally();
      for (const group of await this.released.groups(manager)) {
        const window = this.windowOf(group, now);
        tally.add(laneOf(group.kind), group.provider, window.earliestMs, window.deadlineMs, group.reads);
      }
      const given = new SlotDispenser();
      for (const lane of LANES) {
        const ofLane = tally.classes.filter((c) => c.lane === lane);
        if (ofLane.length > 0) placeClasses(slots, capacity, ofLane, { loads, placement: 'even', lane }, given);
      }
      let placed = 0;
      for await (const page of this.released.pages(manager, REPLAN_PAGE)) {
        const placements = page.flatMap((item) => {
          const window = this.windowOf(item, now);
          const slot = given.take(placementClassKey(laneOf(item.kind), item.provider, window.earliestMs, window.deadlineMs));
          return slot >= 0 ? [{ planDay, itemKey: item.itemKey, slotStart: new Date(slots.starts[slot]) }] : [];
        });
        placed += (await this.items.transition(manager, 'place', placements)).length;
      }
      const action = await recordOperatorAction(manager, { action: 'REPLAN_DAY', arguments: { planDay }, requestedBy: who.requestedBy, reason: who.reason, at: now, affected });
      return { ...action, placed };
    });
  }

  /** A released read's window as the planner sees it: from the next slot at the earliest, by its deadline less the margin. */
  private windowOf(item: Pick<ReleasedItem, 'earliest' | 'deadline'>, now: Date): { earliestMs: number; deadlineMs: number } {
    const earliestMs = Math.max(new Date(item.earliest).getTime(), now.getTime() + 1);
    return { earliestMs, deadlineMs: planningDeadlineMs(earliestMs, new Date(item.deadline).getTime(), this.deadlineMarginMs) };
  }
}
