import {
  ConsumerMetrics,
  HealthRegistry,
  JSON_LOGGER,
  JsonLogger,
  METRICS_REGISTRY,
  PeriodicTasks,
  processWork,
  ProducerMetrics,
} from '@halfhour/observability';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { consumeRefusal, produceRefusal, TopicDefinition, topicAccessOf, withTopicPrefix } from '@halfhour/contracts';
import { Admin, Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { consumerGroupLag } from '../admin/consumer-group-lag';
import { BatchConsumer, BatchConsumerOptions } from '../consumer/batch-consumer';
import { DeadLetterPublisher } from '../consumer/dead-letter-publisher';
import { ConsumerLivenessProbe } from '../health/consumer-liveness.probe';
import { KafkaReadinessProbe } from '../health/kafka-readiness.probe';
import { createIdempotentProducer } from '../producer/idempotent-producer';
import { TypedProducer } from '../producer/typed-producer';
import type { KafkaModuleOptions } from './kafka.module';
import { KAFKA_CLIENT, KAFKA_MODULE_OPTIONS } from './kafka.tokens';

const GROUP_LAG_INTERVAL_MS = 15_000;

/**
 * A service's Kafka side: one idempotent producer, the dead-letter publisher, and the batch
 * consumers the service adds while its modules are built. Lifecycle, in Nest's hook order:
 * connect on init; start consumers once the app is bootstrapped; on shutdown stop the consumers
 * first (onModuleDestroy, before any database is closed), then the producer (onApplicationShutdown).
 */
@Injectable()
export class KafkaRuntime implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  readonly producer: TypedProducer;
  private readonly rawProducer: Producer;
  private readonly admin: Admin;
  private readonly deadLetters: DeadLetterPublisher;
  private readonly consumerMetrics: ConsumerMetrics;
  private readonly consumers: BatchConsumer<any>[] = [];
  private readonly removeSettleCheck: () => void;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(JSON_LOGGER) private readonly logger: JsonLogger,
    private readonly health: HealthRegistry,
    @Inject(KAFKA_MODULE_OPTIONS) private readonly options: KafkaModuleOptions,
    tasks: PeriodicTasks,
  ) {
    const producerMetrics = ProducerMetrics.of(registry);
    this.rawProducer = createIdempotentProducer(kafka, (topic, messages) => {
      producerMetrics.resent.inc({ topic }, messages);
      logger.warn({ topic, messages }, 'a send was acknowledged without some partitions; sending their messages again');
    });
    this.admin = kafka.admin();
    this.consumerMetrics = ConsumerMetrics.of(registry);
    this.producer = new TypedProducer(this.rawProducer, producerMetrics, options.topicPrefix, options.clock);
    const access = topicAccessOf(options.clientId);
    if (access) this.producer.limitTo((topicName) => produceRefusal(access, topicName) && `${options.clientId} ${produceRefusal(access, topicName)}`);
    this.deadLetters = new DeadLetterPublisher(this.rawProducer, this.consumerMetrics, logger);
    health.addReadiness(new KafkaReadinessProbe(this.admin));
    this.removeSettleCheck = processWork.addCheck('consumers', { pending: () => this.unconsumed() });
    tasks.measureEvery(options.groupLagIntervalMs ?? GROUP_LAG_INTERVAL_MS, 'consumer group lag', () => this.measureGroupLag());
  }

  /** Each consumer group's lag as the broker has it: true whichever replica holds which partition, after any rebalance. */
  private async measureGroupLag(): Promise<void> {
    const lags = await Promise.all(this.consumers.map((c) => this.lagOf(c.groupId, c.topicName)));
    this.consumers.forEach((c, i) => this.consumerMetrics.groupLag.set({ group: c.groupId, topic: c.topicName }, lags[i]));
  }

  /**
   * One consumer per topic, each in a group of its own: kafkajs members of one group must subscribe
   * alike. A service consumes and publishes only what SERVICE_TOPIC_ACCESS lists (its Kafka ACLs).
   */
  addConsumer<T extends object>(options: BatchConsumerOptions<T>): BatchConsumer<T> {
    if (this.consumers.some((existing) => existing.groupId === options.groupId)) {
      throw new Error(`consumer group "${options.groupId}" is already used by another consumer of this service`);
    }
    const access = topicAccessOf(this.options.clientId);
    const refused = access && consumeRefusal(access, options.topic.name, options.groupId);
    if (refused) throw new Error(`${this.options.clientId} ${refused}`);
    const topic = withTopicPrefix(options.topic, this.options.topicPrefix);
    const consumer = new BatchConsumer(this.kafka, this.deadLetters, this.consumerMetrics, this.logger, {
      sessionTimeoutMs: this.options.sessionTimeoutMs,
      holdAfterBatches: this.options.holdAfterBatches,
      isTransient: this.options.isTransient,
      ...options,
      topic,
    });
    this.consumers.push(consumer);
    this.health.addLiveness(new ConsumerLivenessProbe(`consumer:${consumer.name}`, consumer.state));
    return consumer;
  }

  /** Messages of the topic not yet committed by the group, summed over partitions. */
  consumerLag(groupId: string, topic: TopicDefinition<any>): Promise<number> {
    return this.lagOf(groupId, withTopicPrefix(topic, this.options.topicPrefix).name);
  }

  /** For the work monitor: which consumer has messages it has not handled yet, if any. */
  private async unconsumed(): Promise<string | undefined> {
    const notRunning = this.consumers.find((c) => c.state.status !== 'running' && c.state.status !== 'retrying');
    if (notRunning) return `${notRunning.name} is ${notRunning.state.status}`;
    const lags = await Promise.all(this.consumers.map((c) => this.lagOf(c.groupId, c.topicName)));
    const behind = lags.findIndex((lag) => lag > 0);
    return behind >= 0 ? `${this.consumers[behind].name} has ${lags[behind]} messages to handle` : undefined;
  }

  private lagOf(groupId: string, name: string): Promise<number> {
    return consumerGroupLag(this.admin, groupId, name);
  }

  async onModuleInit(): Promise<void> {
    await Promise.all([this.rawProducer.connect(), this.admin.connect()]);
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
  }

  async onModuleDestroy(): Promise<void> {
    this.removeSettleCheck();
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    this.logger.info({ consumers: this.consumers.length }, 'consumers stopped');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.rawProducer.disconnect(), this.admin.disconnect()]);
  }
}
