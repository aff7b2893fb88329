import { SchedulesPlanReport } from './plan-schedules';

/** Items a plan wrote for one provider and lane, and how many of them took a slot. */
export interface WrittenItems {
  items: number;
  placed: number;
}

/** Per provider and lane (`writtenKeyOf`): what a plan has written so far. */
export type WrittenByLane = Record<string, WrittenItems>;

export function writtenKeyOf(provider: string, lane: string): string {
  return `${provider}|${lane}`;
}

/**
 * The report of a day's plan made in parts (resumed after its planner stopped): per provider and
 * lane, what the earlier parts wrote (not the whole day they set out to place) plus what the later
 * part placed of the rest, the spare the day had before the first part, and the busiest slot
 * either part saw.
 */
export function joinPlanReports(earlier: readonly SchedulesPlanReport[], writtenEarlier: Readonly<WrittenByLane>, later: readonly SchedulesPlanReport[]): SchedulesPlanReport[] {
  const joined = new Map(earlier.map((report) => {
    const written = writtenEarlier[writtenKeyOf(report.provider, report.lane)] ?? { items: 0, placed: 0 };
    return [writtenKeyOf(report.provider, report.lane), { ...report, items: written.items, placed: written.placed, unplaced: written.items - written.placed }];
  }));
  for (const report of later) {
    const seen = joined.get(writtenKeyOf(report.provider, report.lane));
    if (!seen) joined.set(writtenKeyOf(report.provider, report.lane), { ...report });
    else {
      seen.items += report.items;
      seen.placed += report.placed;
      seen.unplaced += report.unplaced;
      seen.peakSlotLoad = Math.max(seen.peakSlotLoad, report.peakSlotLoad);
    }
  }
  return [...joined.values()];
}
