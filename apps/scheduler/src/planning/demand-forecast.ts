import { addDays, countLaneDemands, DaySlots, forecastDayOfCounts, LaneForecast } from '@halfhour/domain';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { CapacityBook } from '../capacity/capacity-book';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { DayDemandPages } from './day-demand-pages';

/**
 * What the coming days will ask of each provider (NFR-11): for each plan day, the schedules held
 * now that run for its data day, on the registry as it stands (appointments that end, end), merged
 * once per data item, against each lane's capacity as the operator set it. A day shown short is
 * known days before its plan is made, so capacity can be raised or the migration slowed.
 * Reads each day's schedules a page of MPANs at a time, as the plan does, keeping only counts.
 */
export class DemandForecast {
  private readonly pages: DayDemandPages;

  constructor(
    policy: SchedulingPolicy,
    schedules: Pick<ScheduleRepository, 'activeInPages'>,
    registryView: Pick<RegistryViewRepository, 'timelinesOf'>,
    private readonly capacity: Pick<CapacityBook, 'configured'>,
    private readonly slotsOf: (planDay: string) => DaySlots,
  ) {
    this.pages = new DayDemandPages(policy, schedules, registryView);
  }

  async forecast(fromPlanDay: string, days: number): Promise<LaneForecast[]> {
    const capacity = await this.capacity.configured();
    const forecasts: LaneForecast[] = [];
    for (let i = 0; i < days; i++) {
      const planDay = addDays(fromPlanDay, i);
      const counts = new Map<string, number>();
      for await (const page of this.pages.of(planDay)) countLaneDemands(counts, page.merged);
      forecasts.push(...forecastDayOfCounts(planDay, counts, this.slotsOf(planDay), capacity));
    }
    return forecasts;
  }

  /** Forecasts the next `days` plan days and sets the shortfall gauge: the most any of them is short by, per provider and lane. Answers the short days. */
  async measure(today: string, days: number, metrics: Pick<SchedulerMetrics, 'forecastShort'>): Promise<LaneForecast[]> {
    const forecasts = await this.forecast(addDays(today, 1), days);
    const most = new Map<string, LaneForecast>();
    for (const f of forecasts) {
      const key = `${f.provider}|${f.lane}`;
      if (!most.has(key) || f.shortBy > most.get(key)!.shortBy) most.set(key, f);
    }
    metrics.forecastShort.reset();
    for (const f of most.values()) metrics.forecastShort.set({ provider: f.provider, lane: f.lane }, f.shortBy);
    return forecasts.filter((f) => f.shortBy > 0);
  }
}
