import { RequestPurpose } from '../access/request-purpose';
import { CapacitySettings, LaneLoads } from './capacity';
import { PlacementDemand } from './collection-demand';
import { DaySlots } from './day-slots';
import { placeClasses, ProviderPlanReport } from './plan-day';
import { PlacementClass, placementClassKey, PlacementTally, SlotDispenser } from './placement-classes';
import { ProviderKey } from './provider-key';

/** The lane, and the kind of read, a schedule of this purpose runs as: its MHHS or its BAU lane. */
export function scheduledLaneOf(purpose: RequestPurpose | undefined): 'SCHEDULED' | 'BAU' {
  return purpose === 'BAU' ? 'BAU' : 'SCHEDULED';
}

export type SchedulesPlanReport = ProviderPlanReport & { lane: 'SCHEDULED' | 'BAU' };

/** The schedules' plan as classes: each demand takes its slot from `slots` by its class's key, in the order it was counted. */
export interface ScheduledClassPlan {
  slots: SlotDispenser;
  loads: Map<ProviderKey, LaneLoads>;
  reports: SchedulesPlanReport[];
}

export interface SchedulesPlan {
  /** The slot of each demand, by the demand's index; -1 where it could not be placed. */
  slotOf: Int32Array;
  /** The kind each demand is read as (its lane). */
  kindOf: ('SCHEDULED' | 'BAU')[];
  loads: Map<ProviderKey, LaneLoads>;
  reports: SchedulesPlanReport[];
}

/** Counts a schedule's demand in the tally, in its lane; answers its class's key. */
export function tallyScheduled(tally: PlacementTally, demand: PlacementDemand): string {
  return tally.add(scheduledLaneOf(demand.purpose), demand.provider, demand.earliestMs, demand.deadlineMs);
}

/** The class a schedule's demand was counted in by tallyScheduled: what it takes its slot by. */
export function scheduledClassKeyOf(demand: PlacementDemand): string {
  return placementClassKey(scheduledLaneOf(demand.purpose), demand.provider, demand.earliestMs, demand.deadlineMs);
}

/**
 * The daily plan of the schedules' reads, from their classes (tallyScheduled): MHHS schedules'
 * reads in the scheduled lane, out of the excluded window; BAU schedules' in the BAU lane, which
 * the excluded window is open to. Both spread evenly over the day on top of `loads`.
 */
export function planScheduledClasses(slots: DaySlots, capacity: CapacitySettings, classes: readonly PlacementClass[], loads: Map<ProviderKey, LaneLoads>): ScheduledClassPlan {
  const given = new SlotDispenser();
  const reports: SchedulesPlanReport[] = [];
  for (const lane of ['SCHEDULED', 'BAU'] as const) {
    const ofLane = classes.filter((c) => c.lane === lane);
    if (ofLane.length === 0) continue;
    const plan = placeClasses(slots, capacity, ofLane, { loads, placement: 'even', lane }, given);
    reports.push(...plan.reports.map((report) => ({ ...report, lane })));
  }
  return { slots: given, loads, reports };
}

/** planScheduledClasses for demands held in memory together. */
export function planSchedules(slots: DaySlots, capacity: CapacitySettings, demands: readonly PlacementDemand[], loads: Map<ProviderKey, LaneLoads>): SchedulesPlan {
  const tally = new PlacementTally();
  const keys = demands.map((d) => tallyScheduled(tally, d));
  const plan = planScheduledClasses(slots, capacity, tally.classes, loads);
  return { slotOf: Int32Array.from(keys, (key) => plan.slots.take(key)), kindOf: demands.map((d) => scheduledLaneOf(d.purpose)), loads, reports: plan.reports };
}
