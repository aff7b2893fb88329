import { ALL_TOPICS, deadLetterTopicOf, MessageDefinition, newEnvelope, TopicDefinition, withTopicPrefix } from '@halfhour/contracts';
import { createIdempotentProducer, encodeEnvelope, KafkaProducer, KafkaRecord, provisionTopics, SINGLE_BROKER, TypedProducer } from '@halfhour/kafka';
import { ProducerMetrics } from '@halfhour/observability';
import { Registry } from 'prom-client';
import { createTestDatabase, readMessages, readWholeTopic, ServiceUnderTest, TEST_OPERATOR_TOKENS, TestDatabase, testKafka, uniqueName } from '@halfhour/testing';

export interface ServiceTestBedOptions {
  /** Short name for the test's topic prefix and database. */
  name: string;
  /** The service's TypeScript entry point, relative to the repository root. */
  entry: string;
  /** Settings every process of the service gets in this bed. */
  env?: Record<string, string>;
}

/**
 * One service under test on the real stack: topics of the test's own (a unique KAFKA_TOPIC_PREFIX),
 * a database of its own, a producer to play the upstream, and readers for what the service writes.
 */
export class ServiceTestBed {
  readonly prefix: string;
  readonly kafka = testKafka();
  readonly admin = this.kafka.admin();
  readonly rawProducer: KafkaProducer = createIdempotentProducer(this.kafka);
  readonly producer: TypedProducer;
  database!: TestDatabase;
  service!: ServiceUnderTest;

  constructor(private readonly options: ServiceTestBedOptions) {
    this.prefix = `${uniqueName(options.name)}.`;
    this.producer = new TypedProducer(this.rawProducer, ProducerMetrics.of(new Registry()), this.prefix);
  }

  async setUp(): Promise<this> {
    await Promise.all([this.admin.connect(), this.rawProducer.connect()]);
    await provisionTopics(this.admin, ALL_TOPICS, SINGLE_BROKER, this.prefix);
    this.database = await createTestDatabase(`hh_${this.options.name.replace(/\W/g, '_')}`);
    this.service = this.newServiceProcess();
    return this;
  }

  newServiceProcess(env: Record<string, string> = {}): ServiceUnderTest {
    return new ServiceUnderTest(this.options.entry, {
      DATABASE_URL: this.database.url,
      KAFKA_TOPIC_PREFIX: this.prefix,
      // A killed process's members leave the group only when their session times out.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      OPERATOR_API_TOKENS: TEST_OPERATOR_TOKENS,
      ...this.options.env,
      ...env,
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

  /** A tombstone as a compacting producer sends it: the key, no value, no headers. */
  async publishTombstone(topic: TopicDefinition<any>, key: string): Promise<void> {
    await this.rawProducer.send({ topic: this.topicName(topic), messages: [{ key, value: null }] });
  }

  read(topic: string, count: number): Promise<KafkaRecord[]> {
    return readMessages(this.kafka, topic, count);
  }

  readAll(topic: string): Promise<KafkaRecord[]> {
    return readWholeTopic(this.kafka, this.admin, topic);
  }

  async tearDown(): Promise<void> {
    await this.service?.stop('SIGKILL');
    await this.admin.deleteTopics({ topics: ALL_TOPICS.flatMap((t) => [this.topicName(t), deadLetterTopicOf(this.topicName(t))]) });
    await Promise.all([this.admin.disconnect(), this.rawProducer.disconnect()]);
    await this.database.drop();
  }
}
