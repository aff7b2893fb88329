import { Topics } from '@halfhour/contracts';
import { Clock, settlementDayOf } from '@halfhour/domain';
import { KafkaRuntime, TopicCatchUp } from '@halfhour/kafka';
import { JSON_LOGGER, JsonLogger, METRICS_REGISTRY, PeriodicTasks } from '@halfhour/observability';
import { GaugeOwnership, RetentionSweeper } from '@halfhour/persistence';
import { RegistryViewRepository, TimelinesViewHandler } from '@halfhour/registry-view';
import { keepStatisticsFresh, MessageOutbox, OwnedGauges, scheduleRetention } from '@halfhour/service-kit';
import { Registry } from 'prom-client';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Dispatcher } from './dispatch/dispatcher';
import { ItemCounts } from './items/item-counts';
import { ItemRepository } from './items/item-repository';
import { ItemGauges } from './metrics/item-gauges';
import { schedulerRetention } from './persistence/scheduler-retention';
import { SchedulerMetrics } from './metrics/scheduler-metrics';
import { DailyPlanner } from './planning/daily-planner';
import { DemandForecast } from './planning/demand-forecast';
import { PlanRunRepository } from './planning/plan-run-repository';
import { PostgresPlanSessions } from './planning/plan-session';
import { Housekeeping } from './planning/housekeeping';
import { SlotPlacer } from './planning/slot-placer';
import { CapacityBook } from './capacity/capacity-book';
import { CapacityChanges } from './capacity/capacity-changes';
import { ProviderOutages } from './capacity/provider-outages';
import { CLOCK } from './scheduler.tokens';
import { AuthorisedRequestsHandler } from './requests/authorised-requests.handler';
import { CreateSchedules } from './requests/create-schedules';
import { DeleteSchedules } from './requests/delete-schedules';
import { OnDemandReads } from './requests/on-demand-reads';
import { OnDemandExpansions } from './requests/on-demand-expansions';
import { ReadSchedules } from './requests/read-schedules';
import { UserResponder } from './responses/user-responder';
import { ReadResultsHandler } from './results/read-results.handler';
import { SchedulerConfig } from './scheduler.config';
import { SchedulerLoop } from './scheduler-loop';
import { ScheduleRepository } from './schedules/schedule-repository';
import { SCHEDULING_POLICY, SchedulingPolicy } from './scheduling-policy';

/** Wires the consumers (authorised requests, timelines, read results), the loop and the gauges. */
@Injectable()
export class SchedulerRuntime implements OnModuleInit {
  private readonly registryView: RegistryViewRepository;
  private readonly schedules: ScheduleRepository;
  private readonly responder: UserResponder;
  private readonly expansions: OnDemandExpansions;

  constructor(
    private readonly config: SchedulerConfig,
    @Inject(SCHEDULING_POLICY) policy: SchedulingPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly kafka: KafkaRuntime,
    private readonly items: ItemRepository,
    private readonly metrics: SchedulerMetrics,
    dataSource: DataSource,
    @Inject(JSON_LOGGER) logger: JsonLogger,
    tasks: PeriodicTasks,
    capacity: CapacityBook,
    capacityChanges: CapacityChanges,
    private readonly outages: ProviderOutages,
    @Inject(METRICS_REGISTRY) registry: Registry,
    forecast: DemandForecast,
  ) {
    this.registryView = new RegistryViewRepository(dataSource);
    this.schedules = new ScheduleRepository(dataSource);
    this.expansions = new OnDemandExpansions(dataSource, items, this.registryView);
    const outbox = new MessageOutbox(dataSource, () => kafka.producer, clock, [Topics.smets1Commands, Topics.smets2Commands, Topics.userResponses]);
    outbox.relayEvery(tasks, config.OUTBOX_RELAY_INTERVAL_MS);
    this.responder = new UserResponder(outbox);
    const planner = new DailyPlanner(policy, items, new PlanRunRepository(dataSource), new PostgresPlanSessions(dataSource), this.schedules, this.registryView, this.responder, metrics, logger, capacity);
    const loop = new SchedulerLoop(
      clock,
      [new TopicCatchUp(kafka, this.config.consumerGroupFor('timelines'), Topics.mpanTimelines), new TopicCatchUp(kafka, this.config.consumerGroupFor('requests'), Topics.authorisedRequests)],
      planner,
      new SlotPlacer(policy, items, planner, this.responder, metrics, capacity),
      new Dispatcher(policy, items, this.schedules, this.registryView, outbox, this.responder, metrics),
      new Housekeeping(items, this.responder, metrics, logger, new TopicCatchUp(kafka, this.config.consumerGroupFor('results'), Topics.readResults)),
      capacityChanges,
      this.expansions,
      { batchSize: config.DISPATCH_BATCH_SIZE, noResponseAfterMs: policy.noResponseAfterMs },
    );
    tasks.every(config.TICK_INTERVAL_MS, 'scheduler tick', () => loop.tick());
    // One replica reports what is counted from the database (OwnedGauges).
    const ownership = GaugeOwnership.of(dataSource, 'scheduler');
    const gauges = new ItemGauges(items, new ItemCounts(dataSource), policy, metrics, clock, capacity, outages, new PlanRunRepository(dataSource));
    const itemGauges = new OwnedGauges(ownership, registry, 'scheduler items', () => gauges.clear());
    tasks.measureEvery(config.GAUGES_INTERVAL_MS, 'item gauges', () => itemGauges.measure(() => gauges.measure()));
    const forecastGauges = new OwnedGauges(ownership, registry, 'scheduler forecast', () => metrics.forecastShort.reset());
    tasks.measureEvery(config.FORECAST_INTERVAL_MS, 'demand forecast', () => forecastGauges.measure(async () => {
      const short = await forecast.measure(settlementDayOf(clock.now()), config.FORECAST_DAYS, metrics);
      if (short.length > 0) {
        logger.warn({ short }, `coming days are short of capacity: ${short.map((f) => `${f.planDay} ${f.provider} (${f.lane} lane) by ${f.shortBy} reads`).join(', ')}`);
      }
    }));
    keepStatisticsFresh(tasks, dataSource, ['schedules', 'collection_items'], config.PLANNER_STATISTICS_INTERVAL_MS);
    const { rules, partitionRules } = schedulerRetention(config);
    scheduleRetention(tasks, registry, logger, new RetentionSweeper(dataSource, rules, partitionRules, clock), config.RETENTION_INTERVAL_MS);
  }

  onModuleInit(): void {
    this.kafka.addConsumer({ ...this.config.consumerFor('timelines'), topic: Topics.mpanTimelines, handler: new TimelinesViewHandler(this.registryView) });
    this.kafka.addConsumer({
      ...this.config.consumerFor('requests'),
      topic: Topics.authorisedRequests,
      handler: new AuthorisedRequestsHandler(this.items.dataSource, [
        new CreateSchedules(this.schedules, this.responder),
        new ReadSchedules(this.schedules, this.responder),
        new DeleteSchedules(this.schedules, this.responder),
        new OnDemandReads(this.items, this.registryView, this.expansions),
      ], this.responder, this.clock, this.config.consumerGroupFor('requests')),
    });
    this.kafka.addConsumer({ ...this.config.consumerFor('results'), topic: Topics.readResults, handler: new ReadResultsHandler(this.items, this.metrics, this.clock, this.outages) });
  }
}
