import { addDays, collectOnce, DaySlots, forecastDay, LaneForecast, MpanTimeline } from '@halfhour/domain';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { CapacityBook } from '../capacity/capacity-book';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { dayDemands } from './day-demands';

const TIMELINE_CHUNK = 20_000;

/**
 * What the coming days will ask of each provider (NFR-11): for each plan day, the schedules held
 * now that run for its data day, on the registry as it stands (appointments that end, end), merged
 * once per data item, against each lane's capacity as the operator set it. A day shown short is
 * known days before its plan is made, so capacity can be raised or the migration slowed.
 * Reads every schedule once per day forecast: cheap at a simulated week, a job for SQL aggregates
 * at national scale.
 */
export class DemandForecast {
  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly schedules: Pick<ScheduleRepository, 'activeFor'>,
    private readonly registryView: Pick<RegistryViewRepository, 'timelinesOf'>,
    private readonly capacity: Pick<CapacityBook, 'configured'>,
    private readonly slotsOf: (planDay: string) => DaySlots,
  ) {}

  async forecast(fromPlanDay: string, days: number): Promise<LaneForecast[]> {
    const capacity = await this.capacity.configured();
    const timelines = new Map<string, MpanTimeline>();
    const forecasts: LaneForecast[] = [];
    for (let i = 0; i < days; i++) {
      const planDay = addDays(fromPlanDay, i);
      const schedules = await this.schedules.activeFor(addDays(planDay, -1));
      const missing = [...new Set(schedules.map((s) => s.mpan))].filter((mpan) => !timelines.has(mpan));
      for (let c = 0; c < missing.length; c += TIMELINE_CHUNK) {
        for (const [mpan, viewed] of await this.registryView.timelinesOf(missing.slice(c, c + TIMELINE_CHUNK))) timelines.set(mpan, viewed.timeline);
      }
      const { demands } = dayDemands(planDay, schedules, timelines, this.policy, this.policy.trt);
      forecasts.push(...forecastDay(planDay, collectOnce(demands), this.slotsOf(planDay), capacity));
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
