import { Topics } from '@halfhour/contracts';
import { KafkaRuntime, TopicCatchUp } from '@halfhour/kafka';
import { clockFrom, JSON_LOGGER, JsonLogger, METRICS_REGISTRY, PeriodicTasks } from '@halfhour/observability';
import { GaugeOwnership, inboxRetention, RetentionSweeper } from '@halfhour/persistence';
import { keepStatisticsFresh, OwnedGauges, scheduleRetention } from '@halfhour/service-kit';
import { Registry } from 'prom-client';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegistrationMetrics } from './metrics/registration-metrics';
import { RegistrySizeGauges } from './metrics/registry-size-gauges';
import { MarketParticipantsHandler } from './participants/market-participants.handler';
import { TimelineRelay } from './publishing/timeline-relay';
import { RegistrationIntakeConfig } from './registration-intake.config';
import { RegistrationEventsHandler } from './registrations/registration-events.handler';
import { RegistryRepository } from './registry/registry.repository';

/** Looked up a batch of MPANs at a time; the events on a non-unique column, whose plan needs statistics. */
const STATISTICS_KEPT = ['registration_events', 'mpan_timelines'];

/** Wires the service's consumers, relay and gauges. */
@Injectable()
export class RegistrationIntakeRuntime implements OnModuleInit {

  constructor(
    private readonly config: RegistrationIntakeConfig,
    private readonly kafka: KafkaRuntime,
    private readonly registry: RegistryRepository,
    private readonly metrics: RegistrationMetrics,
    dataSource: DataSource,
    tasks: PeriodicTasks,
    @Inject(METRICS_REGISTRY) metricsRegistry: Registry,
    @Inject(JSON_LOGGER) logger: JsonLogger,
  ) {
    // One replica reports what is counted from the database (OwnedGauges).
    const ownership = GaugeOwnership.of(dataSource, 'registration-intake');
    const relayGauge = new OwnedGauges(ownership, metricsRegistry, 'registry relay backlog', () => metrics.unpublishedTimelines.reset());
    const relay = new TimelineRelay(registry, kafka, metrics, { batchSize: config.TIMELINE_RELAY_BATCH_SIZE }, relayGauge);
    tasks.every(config.TIMELINE_RELAY_INTERVAL_MS, 'timeline relay', () => relay.relayOnce());
    const gauges = new RegistrySizeGauges(dataSource, metrics);
    const sizeGauges = new OwnedGauges(ownership, metricsRegistry, 'registry sizes', () => gauges.clear());
    tasks.measureEvery(config.REGISTRY_METRICS_INTERVAL_MS, 'registry size gauges', () => sizeGauges.measure(() => gauges.refresh()));
    keepStatisticsFresh(tasks, dataSource, STATISTICS_KEPT, config.PLANNER_STATISTICS_INTERVAL_MS);
    // The registry itself is the current state, not a log: only the inbox's claims age out.
    scheduleRetention(tasks, metricsRegistry, logger, new RetentionSweeper(dataSource, [inboxRetention(config.INBOX_RETENTION_DAYS)], [], clockFrom(config)), config.RETENTION_INTERVAL_MS);
  }

  onModuleInit(): void {
    const events = new RegistrationEventsHandler(this.registry, this.metrics, new TopicCatchUp(this.kafka, this.config.consumerGroupFor('participants'), Topics.marketParticipants));
    this.kafka.addConsumer({
      ...this.config.consumerFor('participants'),
      topic: Topics.marketParticipants,
      handler: new MarketParticipantsHandler(this.registry, this.metrics, this.config.consumerGroupFor('participants')),
    });
    this.kafka.addConsumer({ ...this.config.consumerFor('registrations'), topic: Topics.registrations, handler: events });
    this.kafka.addConsumer({ ...this.config.consumerFor('devices'), topic: Topics.deviceInventory, handler: events });
  }
}
