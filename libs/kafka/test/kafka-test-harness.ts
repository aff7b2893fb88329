import { MarketParticipantUpdated, Topics, TopicDefinition } from '@halfhour/contracts';
import { ConsumerMetrics, createJsonLogger, ProducerMetrics } from '@halfhour/observability';
import { ownCopyOf, testKafka, uniqueName } from '@halfhour/testing';
import { Admin, Kafka, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { provisionTopics, SINGLE_BROKER } from '../src/admin/topic-provisioner';
import { BatchConsumer, BatchConsumerOptions } from '../src/consumer/batch-consumer';
import { DeadLetterPublisher } from '../src/consumer/dead-letter-publisher';
import { createIdempotentProducer } from '../src/producer/idempotent-producer';
import { TypedProducer } from '../src/producer/typed-producer';

export type Participant = MarketParticipantUpdated;

/** Four letters from a number: a distinct valid MPID per test message. */
export function mpidFor(index: number): string {
  let text = '';
  let rest = index;
  for (let i = 0; i < 4; i++) {
    text = String.fromCharCode(65 + (rest % 26)) + text;
    rest = Math.floor(rest / 26);
  }
  return text;
}

export function participant(index: number): Participant {
  return { mpid: mpidFor(index), name: `Participant ${index}`, roles: ['MDR'], effectiveFrom: '2026-04-01' };
}

/** A real broker, a topic of the test's own (with its DLQ), a producer and consumers on it. */
export class KafkaTestHarness {
  readonly kafka: Kafka = testKafka();
  readonly admin: Admin = this.kafka.admin();
  readonly rawProducer: Producer = createIdempotentProducer(this.kafka);
  readonly registry = new Registry();
  readonly logger = createJsonLogger('kafka-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  readonly producer = new TypedProducer(this.rawProducer, ProducerMetrics.of(this.registry));
  readonly deadLetters = new DeadLetterPublisher(this.rawProducer, ConsumerMetrics.of(this.registry), this.logger);
  topic!: TopicDefinition<Participant>;
  private readonly consumers: BatchConsumer<Participant>[] = [];

  async setUp(): Promise<this> {
    await Promise.all([this.admin.connect(), this.rawProducer.connect()]);
    this.topic = ownCopyOf(Topics.marketParticipants);
    await provisionTopics(this.admin, [this.topic], SINGLE_BROKER);
    return this;
  }

  async publish(indexes: readonly number[]): Promise<void> {
    const [definition] = this.topic.messages;
    await this.producer.publish(this.topic, indexes.map((i) => ({ definition, body: participant(i) })));
  }

  consumer(options: Omit<BatchConsumerOptions<Participant>, 'topic' | 'groupId'> & { groupId?: string }): BatchConsumer<Participant> {
    const consumer = new BatchConsumer(this.kafka, this.deadLetters, ConsumerMetrics.of(this.registry), this.logger, {
      topic: this.topic,
      groupId: options.groupId ?? uniqueName('group'),
      retry: { initialDelayMs: 20, maxDelayMs: 200 },
      ...options,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  async metricValue(name: string, labels: Record<string, string>): Promise<number> {
    const metric = (await this.registry.getMetricsAsJSON()).find((m) => m.name === name);
    const sample = (metric?.values ?? []).find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
    return sample?.value ?? 0;
  }

  async tearDown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.admin.deleteTopics({ topics: [this.topic.name, `${this.topic.name}.dlq`] });
    await Promise.all([this.admin.disconnect(), this.rawProducer.disconnect()]);
  }
}
