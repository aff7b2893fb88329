import { METRICS_REGISTRY } from '@halfhour/observability';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class SchedulerMetrics {
  readonly items: Gauge<'state' | 'provider' | 'kind'>;
  readonly slotUtilisation: Gauge<'provider'>;
  readonly backlog: Gauge;
  readonly lastPlanRun: Gauge;
  readonly unplanned: Gauge<'provider'>;
  readonly providerOut: Gauge<'provider'>;
  readonly forecastShort: Gauge<'provider' | 'lane'>;
  readonly dispatched: Counter<'provider' | 'kind'>;
  readonly results: Counter<'provider' | 'outcome' | 'kind'>;
  readonly backstops: Counter<'provider'>;
  readonly trtBreaches: Counter<'provider'>;
  readonly refusedForCapacity: Counter<'provider'>;
  readonly readsSaved: Counter;
  readonly stopped: Counter<'reason'>;
  readonly timeToComplete: Histogram<'kind'>;
  readonly planSeconds: Histogram;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    const registers = [registry];
    this.items = new Gauge({
      name: 'halfhour_scheduler_items', help: 'Collection items of today’s and yesterday’s plans by state, provider and kind (SCHEDULED, ON_DEMAND, BACKSTOP, BAU).',
      labelNames: ['state', 'provider', 'kind'], registers,
    });
    this.slotUtilisation = new Gauge({
      name: 'halfhour_scheduler_slot_utilisation_ratio',
      help: 'Reads planned in the current slot over the provider’s MHHS share of the slot.',
      labelNames: ['provider'],
      registers,
    });
    this.backlog = new Gauge({ name: 'halfhour_scheduler_backlog_items', help: 'Planned items whose slot has passed but which are not dispatched yet.', registers });
    this.lastPlanRun = new Gauge({
      name: 'halfhour_scheduler_last_plan_run_timestamp_seconds', help: 'When the latest daily plan was made, by whichever replica (seconds since the epoch, the scheduler’s clock).', registers,
    });
    this.unplanned = new Gauge({
      name: 'halfhour_scheduler_plan_unplaced_items',
      help: 'Items the latest daily plan could not fit before their deadline, by provider (the day is short by this many reads).',
      labelNames: ['provider'],
      registers,
    });
    this.providerOut = new Gauge({
      name: 'halfhour_scheduler_provider_out',
      help: '1 while a provider is held out (its own failures with no read answered) and planned at its outage share; 0 once it answers.',
      labelNames: ['provider'],
      registers,
    });
    this.forecastShort = new Gauge({
      name: 'halfhour_scheduler_forecast_short_reads',
      help: 'The most reads any of the coming FORECAST_DAYS plan days will be short of its lane’s capacity by, from the schedules held now (0: every day fits).',
      labelNames: ['provider', 'lane'],
      registers,
    });
    this.dispatched = new Counter({ name: 'halfhour_scheduler_dispatched_total', help: 'Read commands sent, by provider and kind (SCHEDULED, ON_DEMAND, BACKSTOP, BAU).', labelNames: ['provider', 'kind'], registers });
    this.results = new Counter({
      name: 'halfhour_scheduler_results_total', help: 'Read results received, by provider, outcome and the kind of the item they answered (unmatched: a late or repeated result that changed no item).',
      labelNames: ['provider', 'outcome', 'kind'], registers,
    });
    this.backstops = new Counter({ name: 'halfhour_scheduler_backstops_total', help: 'Failed reads planned again within their TRT (NFR-6).', labelNames: ['provider'], registers });
    this.trtBreaches = new Counter({ name: 'halfhour_scheduler_trt_breaches_total', help: 'Items whose deadline passed without complete data.', labelNames: ['provider'], registers });
    this.refusedForCapacity = new Counter({
      name: 'halfhour_scheduler_refused_no_capacity_total',
      help: 'On-demand reads refused at once (E43) because their provider had no capacity left in their lane before their TRT.',
      labelNames: ['provider'],
      registers,
    });
    this.readsSaved = new Counter({ name: 'halfhour_scheduler_reads_saved_total', help: 'Meter reads avoided by collecting once for several requesters (R-SCH-6).', registers });
    this.stopped = new Counter({ name: 'halfhour_scheduler_schedules_stopped_total', help: 'Schedules stopped, by reason.', labelNames: ['reason'], registers });
    this.timeToComplete = new Histogram({
      name: 'halfhour_scheduler_time_to_complete_seconds',
      help: 'From an item becoming due to its complete data arriving; compare with the TRT (86,400 s for scheduled reads).',
      labelNames: ['kind'],
      buckets: [5, 15, 30, 60, 300, 900, 3600, 4 * 3600, 8 * 3600, 12 * 3600, 18 * 3600, 24 * 3600, 36 * 3600],
      registers,
    });
    this.planSeconds = new Histogram({ name: 'halfhour_scheduler_plan_seconds', help: 'Time to plan and persist a day.', buckets: [0.1, 1, 5, 15, 60, 300, 900], registers });
  }
}
