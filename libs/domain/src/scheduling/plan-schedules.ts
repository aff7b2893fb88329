import { RequestPurpose } from '../access/request-purpose';
import { CapacitySettings, LaneLoads } from './capacity';
import { PlacementDemand } from './collection-demand';
import { DaySlots } from './day-slots';
import { planDay, ProviderPlanReport } from './plan-day';
import { ProviderKey } from './provider-key';

/** The lane, and the kind of read, a schedule of this purpose runs as: its MHHS or its BAU lane. */
export function scheduledLaneOf(purpose: RequestPurpose | undefined): 'SCHEDULED' | 'BAU' {
  return purpose === 'BAU' ? 'BAU' : 'SCHEDULED';
}

export interface SchedulesPlan {
  /** The slot of each demand, by the demand's index; -1 where it could not be placed. */
  slotOf: Int32Array;
  /** The kind each demand is read as (its lane). */
  kindOf: ('SCHEDULED' | 'BAU')[];
  loads: Map<ProviderKey, LaneLoads>;
  reports: (ProviderPlanReport & { lane: 'SCHEDULED' | 'BAU' })[];
}

/**
 * The daily plan of the schedules' reads: MHHS schedules' reads in the scheduled lane, out of the
 * excluded window; BAU schedules' in the BAU lane, which the excluded window is open to. Both
 * spread evenly over the day on top of `loads`.
 */
export function planSchedules(slots: DaySlots, capacity: CapacitySettings, demands: readonly PlacementDemand[], loads: Map<ProviderKey, LaneLoads>): SchedulesPlan {
  const slotOf = new Int32Array(demands.length).fill(-1);
  const kindOf = demands.map((d) => scheduledLaneOf(d.purpose));
  const reports: SchedulesPlan['reports'] = [];
  for (const lane of ['SCHEDULED', 'BAU'] as const) {
    const indices = kindOf.flatMap((kind, i) => (kind === lane ? [i] : []));
    if (indices.length === 0) continue;
    const plan = planDay(slots, capacity, indices.map((i) => demands[i]), { loads, placement: 'even', lane });
    indices.forEach((i, j) => (slotOf[i] = plan.slotOf[j]));
    reports.push(...plan.reports.map((report) => ({ ...report, lane })));
  }
  return { slotOf, kindOf, loads, reports };
}
