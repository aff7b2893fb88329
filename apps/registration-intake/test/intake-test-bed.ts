import { ALL_TOPICS, deadLetterTopicOf, MessageDefinition, newEnvelope, TopicDefinition, Topics, withTopicPrefix } from '@halfhour/contracts';
import { mpanCoreFrom } from '@halfhour/domain';
import { createIdempotentProducer, encodeEnvelope, provisionTopics, SerialBatchSender, TypedProducer } from '@halfhour/kafka';
import { ProducerMetrics } from '@halfhour/observability';
import { createTestDatabase, readMessages, readWholeTopic, ServiceUnderTest, TestDatabase, testKafka, uniqueName } from '@halfhour/testing';
import { KafkaMessage, Producer } from 'kafkajs';
import { Registry } from 'prom-client';

let serial = Math.floor(Math.random() * 1e9);
/** A valid MPAN no other test run uses. */
export function freshMpan(distributor = '12'): string {
  return mpanCoreFrom(distributor, String(serial++).padStart(10, '0'));
}

/** Topics of the test's own (a unique KAFKA_TOPIC_PREFIX), a database, and the real service. */
export class IntakeTestBed {
  readonly prefix = `${uniqueName('intake')}.`;
  readonly kafka = testKafka();
  readonly admin = this.kafka.admin();
  readonly rawProducer: Producer = createIdempotentProducer(this.kafka);
  readonly producer = new TypedProducer(new SerialBatchSender(this.rawProducer), ProducerMetrics.of(new Registry()), this.prefix);
  database!: TestDatabase;
  service!: ServiceUnderTest;

  async setUp(): Promise<this> {
    await Promise.all([this.admin.connect(), this.rawProducer.connect()]);
    await provisionTopics(this.admin, ALL_TOPICS, 1, this.prefix);
    this.database = await createTestDatabase('hh_intake');
    this.service = this.newServiceProcess();
    return this;
  }

  newServiceProcess(): ServiceUnderTest {
    return new ServiceUnderTest('apps/registration-intake/src/main.ts', {
      DATABASE_URL: this.database.url,
      KAFKA_TOPIC_PREFIX: this.prefix,
      TIMELINE_RELAY_INTERVAL_MS: '50',
      REGISTRY_METRICS_INTERVAL_MS: '1000',
      // A killed process's members leave the group only when their session times out.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
  }

  topicName(topic: TopicDefinition<any>): string {
    return withTopicPrefix(topic, this.prefix).name;
  }

  async publish<T extends object>(topic: TopicDefinition<T>, definition: MessageDefinition<any>, bodies: readonly T[], messageIds?: string[]): Promise<string[]> {
    const envelopes = await this.producer.publish(
      topic,
      bodies.map((body, i) => ({ definition, body, envelope: messageIds ? { messageId: messageIds[i] } : {} })),
    );
    return envelopes.map((e) => e.messageId);
  }

  /** Bytes as a careless upstream might send them: no contract checks on the way out. */
  async publishRaw(topic: TopicDefinition<any>, messageType: string, key: string, value: string): Promise<void> {
    await this.rawProducer.send({
      topic: this.topicName(topic),
      messages: [{ key, value, headers: encodeEnvelope(newEnvelope(messageType, 1)) }],
    });
  }

  read(topic: string, count: number): Promise<KafkaMessage[]> {
    return readMessages(this.kafka, topic, count);
  }

  readAll(topic: string): Promise<KafkaMessage[]> {
    return readWholeTopic(this.kafka, this.admin, topic);
  }

  async tearDown(): Promise<void> {
    await this.service?.stop('SIGKILL');
    await this.admin.deleteTopics({ topics: ALL_TOPICS.flatMap((t) => [this.topicName(t), deadLetterTopicOf(this.topicName(t))]) });
    await Promise.all([this.admin.disconnect(), this.rawProducer.disconnect()]);
    await this.database.drop();
  }
}

export const participantDefinition = Topics.marketParticipants.messages[0];
