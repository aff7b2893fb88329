import { addDays, CollectionDemand, kindWhenPlaced, planDay as placeDemands, planningDeadlineMs, readableFromMs, settlementDayOf, settlementDayStart } from '@halfhour/domain';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { SchedulingPolicy } from '../scheduling-policy';
import { DailyPlanner } from './daily-planner';
import { loadsBySlot } from './slot-loads';

/**
 * Gives waiting items the earliest slot with spare capacity before their deadline (R-SCH-5, NFR-6):
 * on-demand reads, items the daily plan could not fit, and failed reads as backstops (each after
 * its backstop delay, so a provider that is down is not asked again and again in one slot). Today's
 * slots first, then tomorrow's for what today cannot take. An on-demand read that still finds no
 * room takes the slot of a planned item whose deadline is later (earliest deadline first: after an outage,
 * backstops due by midnight must not crowd out an on-demand read due within hours); that item
 * waits for a slot again. Concurrent placers could both see the same spare capacity, so only one
 * replica places at a time (an advisory lock).
 */
export class SlotPlacer {
  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly items: Pick<ItemRepository, 'awaitingSlot' | 'inTransaction' | 'lockPlacement' | 'slotLoads' | 'transition' | 'releaseSlotOfLaterDeadline'>,
    private readonly planner: Pick<DailyPlanner, 'slotsOf'>,
    private readonly metrics: SchedulerMetrics,
  ) {}

  async placeWaiting(now: Date, limit: number): Promise<number> {
    const waiting = await this.items.awaitingSlot(now, limit);
    if (waiting.length === 0) return 0;
    let left = waiting;
    let placed = 0;
    for (const day of [settlementDayOf(now), addDays(settlementDayOf(now), 1)]) {
      if (left.length === 0) break;
      const result = await this.placeOn(day, left, now);
      placed += result.placed;
      left = result.left;
    }
    const onDemand = left.filter((item) => item.kind === 'ON_DEMAND');
    return placed + (onDemand.length > 0 ? await this.takeSlotsOfLaterDeadlines(onDemand, now) : 0);
  }

  private async takeSlotsOfLaterDeadlines(waiting: readonly ItemRow[], now: Date): Promise<number> {
    return this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const placements = [];
      for (const item of [...waiting].sort((a, b) => new Date(a.deadline).getTime() - new Date(b.deadline).getTime())) {
        const from = new Date(this.earliestMs(item, now));
        const by = new Date(planningDeadlineMs(from.getTime(), new Date(item.deadline).getTime(), this.policy.deadlineMarginMs));
        const slotStart = await this.items.releaseSlotOfLaterDeadline(manager, item.provider, from, by, new Date(item.deadline), this.policy.capacity.slotMinutes);
        if (slotStart) placements.push({ planDay: item.planDay, itemKey: item.itemKey, slotStart: new Date(slotStart), kind: kindWhenPlaced(item) });
      }
      const changed = await this.items.transition(manager, 'place', placements);
      for (const item of changed) if (item.kind === 'BACKSTOP') this.metrics.backstops.inc({ provider: item.provider });
      return changed.length;
    });
  }

  private async placeOn(day: string, waiting: readonly ItemRow[], now: Date): Promise<{ placed: number; left: ItemRow[] }> {
    return this.items.inTransaction(async (manager) => {
      await this.items.lockPlacement(manager);
      const slots = this.planner.slotsOf(day);
      const loads = loadsBySlot(slots, await this.items.slotLoads(settlementDayStart(day), settlementDayStart(addDays(day, 1))));
      const demands: CollectionDemand[] = waiting.map((item) => {
        const earliestMs = this.earliestMs(item, now);
        return {
          mpan: item.mpan, deviceId: item.deviceId, provider: item.provider, srv: item.srv, dataDay: item.dataDay, requesters: item.requesters,
          earliestMs, deadlineMs: planningDeadlineMs(earliestMs, new Date(item.deadline).getTime(), this.policy.deadlineMarginMs),
        };
      });
      const plan = placeDemands(slots, this.policy.capacity, demands, { loads, placement: 'asap' });
      const placements = waiting.flatMap((item, i) =>
        plan.slotOf[i] < 0 ? [] : [{ planDay: item.planDay, itemKey: item.itemKey, slotStart: new Date(slots.starts[plan.slotOf[i]]), kind: kindWhenPlaced(item) }],
      );
      const changed = await this.items.transition(manager, 'place', placements);
      for (const item of changed) if (item.kind === 'BACKSTOP') this.metrics.backstops.inc({ provider: item.provider });
      return { placed: changed.length, left: waiting.filter((_, i) => plan.slotOf[i] < 0) };
    });
  }

  private earliestMs(item: ItemRow, now: Date): number {
    return readableFromMs(
      { state: item.state, earliestMs: new Date(item.earliest).getTime(), deadlineMs: new Date(item.deadline).getTime(), attempt: item.attempt, dispatchedAtMs: item.dispatchedAt ? new Date(item.dispatchedAt).getTime() : null },
      now.getTime(),
      { deadlineMarginMs: this.policy.deadlineMarginMs, slotMinutes: this.policy.capacity.slotMinutes, backstopDelay: this.policy.backstopDelay },
    );
  }
}
