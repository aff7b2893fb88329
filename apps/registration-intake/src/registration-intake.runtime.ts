import { Topics } from '@halfhour/contracts';
import { KafkaRuntime, TopicCatchUp } from '@halfhour/kafka';
import { PeriodicTasks } from '@halfhour/observability';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RegistrationMetrics } from './metrics/registration-metrics';
import { RegistrySizeGauges } from './metrics/registry-size-gauges';
import { MarketParticipantsHandler } from './participants/market-participants.handler';
import { TimelineRelay } from './publishing/timeline-relay';
import { RegistrationIntakeConfig } from './registration-intake.config';
import { RegistrationEventsHandler } from './registrations/registration-events.handler';
import { RegistryRepository } from './registry/registry.repository';

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
  ) {
    const relay = new TimelineRelay(registry, kafka, metrics, { batchSize: config.TIMELINE_RELAY_BATCH_SIZE });
    tasks.every(config.TIMELINE_RELAY_INTERVAL_MS, 'timeline relay', () => relay.relayOnce());
    const gauges = new RegistrySizeGauges(dataSource, metrics);
    tasks.measureEvery(config.REGISTRY_METRICS_INTERVAL_MS, 'registry size gauges', () => gauges.refresh());
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
}
