import { Topics } from '@halfhour/contracts';
import { KafkaRuntime, TopicCatchUp } from '@halfhour/kafka';
import { JSON_LOGGER, JsonLogger } from '@halfhour/observability';
import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegistrationMetrics } from './metrics/registration-metrics';
import { RegistrySizeGauges } from './metrics/registry-size-gauges';
import { MarketParticipantsHandler } from './participants/market-participants.handler';
import { TimelineRelay } from './publishing/timeline-relay';
import { RegistrationIntakeConfig } from './registration-intake.config';
import { RegistrationEventsHandler } from './registrations/registration-events.handler';
import { RegistryRepository } from './registry/registry.repository';

/** Wires the service's consumers, relay and gauges to their lifecycle. */
@Injectable()
export class RegistrationIntakeRuntime implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly relay: TimelineRelay;
  private readonly gauges: RegistrySizeGauges;

  constructor(
    private readonly config: RegistrationIntakeConfig,
    private readonly kafka: KafkaRuntime,
    private readonly registry: RegistryRepository,
    private readonly metrics: RegistrationMetrics,
    dataSource: DataSource,
    @Inject(JSON_LOGGER) logger: JsonLogger,
  ) {
    this.relay = new TimelineRelay(registry, kafka, metrics, logger, {
      intervalMs: config.TIMELINE_RELAY_INTERVAL_MS,
      batchSize: config.TIMELINE_RELAY_BATCH_SIZE,
    });
    this.gauges = new RegistrySizeGauges(dataSource, metrics, logger, config.REGISTRY_METRICS_INTERVAL_MS);
  }

  private get participantsGroup(): string {
    return `${this.config.CONSUMER_GROUP}.participants`;
  }

  onModuleInit(): void {
    const group = this.config.CONSUMER_GROUP;
    const events = new RegistrationEventsHandler(this.registry, this.metrics, new TopicCatchUp(this.kafka, this.participantsGroup, Topics.marketParticipants));
    const common = {
      maxBatchSize: this.config.MAX_BATCH_SIZE,
      partitionsConsumedConcurrently: this.config.PARTITIONS_CONSUMED_CONCURRENTLY,
    };
    this.kafka.addConsumer({
      ...common,
      topic: Topics.marketParticipants,
      groupId: this.participantsGroup,
      handler: new MarketParticipantsHandler(this.registry, this.metrics, this.participantsGroup),
    });
    this.kafka.addConsumer({ ...common, topic: Topics.registrations, groupId: `${group}.registrations`, handler: events });
    this.kafka.addConsumer({ ...common, topic: Topics.deviceInventory, groupId: `${group}.devices`, handler: events });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
    this.gauges.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.gauges.stop(), this.relay.stop()]);
  }
}
