import {
  addDays, capacityOf, CapacitySettings, CollectionDemand, DaySlots, emptyLaneLoads, kindWhenPlaced, Lane, laneHasRoom, laneOf, LaneLoads, lastSlotStartingBy, planDay as placeDemands,
  planningDeadlineMs, ProviderCapacity, readableFromMs, settlementDayOf, settlementDayStart, slotUnderway,
} from '@halfhour/domain';
import { EntityManager } from 'typeorm';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';
import { SchedulingPolicy } from '../scheduling-policy';
import { DailyPlanner } from './daily-planner';
import { loadsBySlot } from './slot-loads';

/** A day's slots and what its lanes hold after this round's placements. */
interface DayLoads {
  slots: DaySlots;
  loads: Map<string, LaneLoads>;
}

/** How a waiting item is placed: its lane, and whether it may go into the slot under way (dispatched at once). */
interface Placing {
  lane: Lane;
  underway: boolean;
}

/** On-demand reads go out at once if their lane has room; backstops wait for their slot; scheduled and BAU reads keep to their lanes. */
function placingOf(item: ItemRow): Placing {
  const kind = kindWhenPlaced(item);
  const lane = laneOf(kind);
  return { lane, underway: kind === 'ON_DEMAND' };
}

/**
 * Gives waiting items a slot with room in their lane before their deadline (R-SCH-5, NFR-6), under
 * the one placement lock the daily plan takes too, reading the slots' loads inside it, so no two
 * placements (two replicas, a plan and a backstop) ever spend the same capacity. An on-demand read
 * takes the slot under way when its lane has room there, and is dispatched at once (a 30-second
 * TRT is met); a failed read waits out its backstop delay; a read the plan could not fit waits
 * for a scheduled slot. Today's slots first, then tomorrow's. An on-demand read that still finds
 * no room takes the slot of a planned item whose deadline is later (earliest deadline first);
 * that item waits for a slot again. One that cannot be placed at all is refused at once (E43),
 * not left to expire at its deadline.
 */
export class SlotPlacer {
  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly items: Pick<ItemRepository, 'awaitingSlot' | 'inTransaction' | 'lockPlacement' | 'slotLoads' | 'transition' | 'releaseSlotOfLaterDeadline' | 'laterDeadlineSlotExists'>,
    private readonly planner: Pick<DailyPlanner, 'slotsOf'>,
    private readonly responder: Pick<UserResponder, 'refuse' | 'publishSoon'>,
    private readonly metrics: SchedulerMetrics,
    private readonly capacity: Pick<CapacityBook, 'current'>,
  ) {}

  async placeWaiting(now: Date, limit: number): Promise<number> {
    const waiting = await this.items.awaitingSlot(now, limit);
    if (waiting.length === 0) return 0;
    const today = settlementDayOf(now);
    const days = [today, addDays(today, 1)];
    const { placed, refused } = await this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const capacity = await this.capacity.current(manager);
      let left = waiting;
      let count = 0;
      const dayLoads: DayLoads[] = [];
      for (const day of days) {
        if (left.length === 0) break;
        const result = await this.placeOn(manager, capacity, day, left, now);
        dayLoads.push(result.day);
        count += result.placed;
        left = result.left;
      }
      const urgent = left.filter((item) => placingOf(item).underway);
      const tookOver = await this.takeSlotsOfLaterDeadlines(manager, urgent, now);
      const hopeless: ItemRow[] = [];
      for (const item of urgent) if (!tookOver.has(item.itemKey) && !(await this.mayFitLater(manager, capacityOf(capacity, item.provider), item, now, dayLoads))) hopeless.push(item);
      const expired = await this.items.transition(manager, 'expire', hopeless.map((item) => ({ planDay: item.planDay, itemKey: item.itemKey, at: now })));
      await this.responder.refuse(manager, expired.flatMap((item) => item.requesters.map((requester) => ({
        requester,
        reason: 'NO_CAPACITY' as const,
        message: `${item.provider} has no capacity left to read ${item.srv} data of ${item.mpan} for ${item.dataDay} by ${new Date(item.deadline).toISOString()}`,
      }))), now);
      return { placed: count + tookOver.size, refused: expired };
    });
    if (refused.length > 0) this.responder.publishSoon();
    for (const item of refused) this.metrics.refusedForCapacity.inc({ provider: item.provider });
    return placed + refused.length;
  }

  /**
   * Whether an urgent read that found no slot now may still find one: its planning deadline moves
   * later as time passes (half its remaining window), so a slot with room, or a later deadline's slot
   * to take over, that starts before its real deadline is hope enough. Loads only grow under the
   * lock, so without either it never will: it is refused now, not left to expire at its deadline.
   */
  private async mayFitLater(manager: EntityManager, capacity: ProviderCapacity, item: ItemRow, now: Date, days: readonly DayLoads[]): Promise<boolean> {
    const earliestMs = this.earliestMs(item, now);
    const deadlineMs = new Date(item.deadline).getTime();
    // Its window reaches past the days tried this round: a later round tries those.
    const lastTried = days.at(-1)?.slots;
    if (!lastTried || deadlineMs > lastTried.starts[0] + lastTried.starts.length * lastTried.slotMs) return true;
    for (const { slots, loads } of days) {
      const first = slotUnderway(slots, earliestMs);
      const last = lastSlotStartingBy(slots, deadlineMs);
      if (first > last) continue;
      const laneLoads = loads.get(item.provider) ?? emptyLaneLoads(slots.starts.length);
      if (laneHasRoom(capacity, slots, 'ON_DEMAND', laneLoads, first, last)) return true;
      if (await this.items.laterDeadlineSlotExists(manager, item.provider, new Date(slots.starts[first]), new Date(slots.starts[last]), new Date(deadlineMs))) return true;
    }
    return false;
  }

  private async takeSlotsOfLaterDeadlines(manager: EntityManager, urgent: readonly ItemRow[], now: Date): Promise<Set<string>> {
    const placements = [];
    const slots = this.planner.slotsOf(settlementDayOf(now));
    for (const item of [...urgent].sort((a, b) => new Date(a.deadline).getTime() - new Date(b.deadline).getTime())) {
      const underway = slotUnderway(slots, this.earliestMs(item, now));
      if (underway >= slots.starts.length) continue;
      const from = new Date(slots.starts[underway]);
      const lastStart = new Date(this.deadlineMs(item, now));
      const slotStart = await this.items.releaseSlotOfLaterDeadline(manager, item.provider, from, lastStart, new Date(item.deadline));
      if (slotStart) placements.push({ planDay: item.planDay, itemKey: item.itemKey, slotStart: new Date(slotStart), kind: kindWhenPlaced(item) });
    }
    const changed = await this.items.transition(manager, 'place', placements);
    return new Set(changed.map((item) => item.itemKey));
  }

  private async placeOn(manager: EntityManager, capacity: CapacitySettings, day: string, waiting: readonly ItemRow[], now: Date): Promise<{ placed: number; left: ItemRow[]; day: DayLoads }> {
    const slots = this.planner.slotsOf(day);
    const loads = loadsBySlot(slots, await this.items.slotLoads(settlementDayStart(day), settlementDayStart(addDays(day, 1)), manager));
    const slotOf = new Map<ItemRow, number>();
    // On-demand reads first: they are the most urgent, and go out at once.
    const groups: Placing[] = [{ lane: 'ON_DEMAND', underway: true }, { lane: 'ON_DEMAND', underway: false }, { lane: 'SCHEDULED', underway: false }, { lane: 'BAU', underway: false }];
    for (const placing of groups) {
      const group = waiting.filter((item) => { const p = placingOf(item); return p.lane === placing.lane && p.underway === placing.underway; });
      if (group.length === 0) continue;
      const demands: CollectionDemand[] = group.map((item) => ({
        mpan: item.mpan, deviceId: item.deviceId, provider: item.provider, srv: item.srv, dataDay: item.dataDay, requesters: item.requesters,
        earliestMs: this.earliestMs(item, now), deadlineMs: this.deadlineMs(item, now),
      }));
      const plan = placeDemands(slots, capacity, demands, { loads, placement: 'asap', ...placing });
      group.forEach((item, i) => plan.slotOf[i] >= 0 && slotOf.set(item, plan.slotOf[i]));
    }
    const placements = [...slotOf].map(([item, slot]) => ({ planDay: item.planDay, itemKey: item.itemKey, slotStart: new Date(slots.starts[slot]), kind: kindWhenPlaced(item) }));
    const changed = await this.items.transition(manager, 'place', placements);
    for (const item of changed) if (item.kind === 'BACKSTOP') this.metrics.backstops.inc({ provider: item.provider });
    return { placed: changed.length, left: waiting.filter((item) => !slotOf.has(item)), day: { slots, loads } };
  }

  private earliestMs(item: ItemRow, now: Date): number {
    return readableFromMs(
      { state: item.state, earliestMs: new Date(item.earliest).getTime(), deadlineMs: new Date(item.deadline).getTime(), attempt: item.attempt, dispatchedAtMs: item.dispatchedAt ? new Date(item.dispatchedAt).getTime() : null },
      now.getTime(),
      { deadlineMarginMs: this.policy.deadlineMarginMs, slotMinutes: this.policy.capacity.slotMinutes, backstopDelay: this.policy.backstopDelay },
    );
  }

  /** The latest its slot may end (or, for a read dispatched at once, start): its deadline less the margin. */
  private deadlineMs(item: ItemRow, now: Date): number {
    return planningDeadlineMs(this.earliestMs(item, now), new Date(item.deadline).getTime(), this.policy.deadlineMarginMs);
  }
}
