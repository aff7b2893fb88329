import { CapacitySettings, capacityOf, emptyLaneLoads, laneRoom, loadOfLane, LaneLoads } from './capacity';
import { PlacementDemand } from './collection-demand';
import { DaySlots, firstSlotFrom, lastSlotEndingBy, lastSlotStartingBy, slotUnderway } from './day-slots';
import { NextOpenSlot } from './next-open-slot';
import { DayPlan, laneOpenings, PlanOptions, ProviderPlanReport } from './plan-day';
import { ProviderKey } from './provider-key';

/**
 * The plan as it was made demand by demand before the daily plan placed classes of demands
 * (placeClasses): kept only as the property tests' reference, which the class plan must match
 * slot for slot.
 */
export function planDayDemandByDemand(slots: DaySlots, capacity: CapacitySettings, demands: readonly PlacementDemand[], options: PlanOptions = {}): DayPlan {
  const loads = options.loads ?? new Map<ProviderKey, LaneLoads>();
  const lane = options.lane ?? 'SCHEDULED';
  const slotOf = new Int32Array(demands.length).fill(-1);
  const byProvider = new Map<ProviderKey, number[]>();
  demands.forEach((demand, i) => {
    const list = byProvider.get(demand.provider);
    if (list) list.push(i);
    else byProvider.set(demand.provider, [i]);
  });
  const reports: ProviderPlanReport[] = [];
  for (const [provider, indices] of byProvider) {
    const laneLoads = loads.get(provider) ?? emptyLaneLoads(slots.starts.length);
    loads.set(provider, laneLoads);
    const placedIn = loadOfLane(laneLoads, lane);
    const { limit, load } = laneRoom(capacityOf(capacity, provider), slots, lane, laneLoads);
    const { open, loaded, spareBefore, mostPerSlot } = laneOpenings(limit, load);
    indices.sort((a, b) => demands[a].deadlineMs - demands[b].deadlineMs || demands[a].earliestMs - demands[b].earliestMs);
    // Fill level by level: the even share of every open slot, one more, then whatever remains.
    const share = open === 0 ? 0 : (indices.length + loaded) / open;
    const levels = options.placement === 'asap' ? [Infinity] : [Math.floor(share), Math.ceil(share), Infinity];
    let waiting = indices;
    for (const level of new Set(levels)) {
      if (waiting.length > 0) waiting = place(waiting, level);
    }
    let peak = 0;
    for (let s = 0; s < load.length; s++) peak = Math.max(peak, load[s]);
    reports.push({ provider, items: indices.length, placed: indices.length - waiting.length, unplaced: waiting.length, mhhsReadsPerSlot: mostPerSlot, spareBefore, peakSlotLoad: peak });

    function place(candidates: readonly number[], level: number): number[] {
      const next = new NextOpenSlot(limit, load, level);
      const left: number[] = [];
      for (const i of candidates) {
        const { earliestMs, deadlineMs } = demands[i];
        const first = options.underway ? slotUnderway(slots, earliestMs) : firstSlotFrom(slots, earliestMs);
        const last = options.underway ? lastSlotStartingBy(slots, deadlineMs) : lastSlotEndingBy(slots, deadlineMs);
        const slot = next.from(first);
        if (slot <= last) {
          slotOf[i] = slot;
          load[slot]++;
          placedIn[slot]++;
          if (load[slot] >= Math.min(level, limit[slot])) next.close(slot);
        } else {
          left.push(i);
        }
      }
      return left;
    }
  }
  return { slotOf, loads, reports };
}

/** The schedules' plan as it was made demand by demand, lane by lane: the reference of planSchedules. */
export function planSchedulesDemandByDemand(slots: DaySlots, capacity: CapacitySettings, demands: readonly PlacementDemand[], loads: Map<ProviderKey, LaneLoads>) {
  const slotOf = new Int32Array(demands.length).fill(-1);
  const kindOf = demands.map((d) => (d.purpose === 'BAU' ? 'BAU' : 'SCHEDULED'));
  const reports: (ProviderPlanReport & { lane: 'SCHEDULED' | 'BAU' })[] = [];
  for (const lane of ['SCHEDULED', 'BAU'] as const) {
    const indices = kindOf.flatMap((kind, i) => (kind === lane ? [i] : []));
    if (indices.length === 0) continue;
    const plan = planDayDemandByDemand(slots, capacity, indices.map((i) => demands[i]), { loads, placement: 'even', lane });
    indices.forEach((i, j) => (slotOf[i] = plan.slotOf[j]));
    reports.push(...plan.reports.map((report) => ({ ...report, lane })));
  }
  return { slotOf, reports };
}
