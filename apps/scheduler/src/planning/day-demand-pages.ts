import { addDays, CollectionDemand, collectOnce, PlacementDemand, planningDeadlineMs } from '@halfhour/domain';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { DataSource, EntityManager } from 'typeorm';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { dayDemands, DayDemands } from './day-demands';

/** MPANs whose schedules and timelines are read, turned into demands and let go at a time: what bounds a whole-day pass's memory. */
export const MPANS_PER_PAGE = 5_000;

/** One page of a day's demands: every schedule of its MPANs, merged per data item (collect once). */
export interface DemandPage extends Omit<DayDemands, 'demands'> {
  merged: CollectionDemand[];
  schedules: number;
  demands: number;
  /** The page's last MPAN: the next page starts after it. */
  lastMpan: string;
}

/**
 * The demands of the schedules running for a plan day's data, a page of MPANs at a time in MPAN
 * order. A schedule's demand depends on its own MPAN's timeline only, and collect once merges
 * demands of one MPAN, which a page holds whole: so the pages give the demands, merged, that one
 * read of the whole day would, in a fixed order, and a pass over them holds one page at a time.
 */
export class DayDemandPages {
  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly schedules: Pick<ScheduleRepository, 'activeInPages'>,
    private readonly registryView: Pick<RegistryViewRepository, 'timelinesOf'>,
    private readonly mpansPerPage = MPANS_PER_PAGE,
  ) {}

  async *of(planDay: string, runner?: DataSource | EntityManager, afterMpan = ''): AsyncGenerator<DemandPage> {
    for await (const schedules of this.schedules.activeInPages(addDays(planDay, -1), this.mpansPerPage, runner, afterMpan)) {
      const viewed = await this.registryView.timelinesOf(schedules.map((s) => s.mpan), runner);
      const timelines = new Map([...viewed].map(([mpan, v]) => [mpan, v.timeline]));
      const { demands, notEntitled, noMeter } = dayDemands(planDay, schedules, timelines, this.policy, this.policy.trt);
      yield { merged: collectOnce(demands), notEntitled, noMeter, schedules: schedules.length, demands: demands.length, lastMpan: schedules[schedules.length - 1].mpan };
    }
  }

  /** A merged demand as the plan places it: by its deadline less the margin kept for retries. */
  placementOf(demand: CollectionDemand): PlacementDemand {
    return { provider: demand.provider, purpose: demand.purpose, earliestMs: demand.earliestMs, deadlineMs: planningDeadlineMs(demand.earliestMs, demand.deadlineMs, this.policy.deadlineMarginMs) };
  }
}
