import { renameTopic, TopicDefinition } from '@halfhour/contracts';
import { Admin, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { testBrokers } from './stack-endpoints';
import { uniqueName } from './unique-name';

/**
 * A single-node broker on a loaded machine can stall for tens of seconds (its controller's queue
 * backs up); a test waits for it rather than failing on kafkajs's 30-second request timeout.
 */
const PATIENT_REQUEST_TIMEOUT_MS = 120_000;

export function testKafka(clientId = 'halfhour-test'): Kafka {
  // Silent unless asked: kafkajs logs retriable broker states (e.g. a coordinator still loading) as errors.
  return new Kafka({
    clientId, brokers: testBrokers(), logLevel: process.env.KAFKAJS_LOG ? logLevel.INFO : logLevel.NOTHING,
    requestTimeout: PATIENT_REQUEST_TIMEOUT_MS, retry: { retries: 10 },
  });
}

/** A copy of a registry topic under a name of the test's own; provision it with provisionTopics. */
export function ownCopyOf<T extends object>(topic: TopicDefinition<T>): TopicDefinition<T> {
  return renameTopic(topic, `${uniqueName(topic.name.replace(/\.\d+$/, ''))}.1`);
}

/** Reads a topic from the start until `count` messages have arrived (or fails after the timeout). */
export async function readMessages(kafka: Kafka, topic: string, count: number, timeoutMs = PATIENT_REQUEST_TIMEOUT_MS): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const received: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`read ${received.length} of ${count} messages from ${topic} in ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message);
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return received;
}

/** Every message a topic holds now, from the start of each partition to its end. */
export async function readWholeTopic(kafka: Kafka, admin: Admin, topic: string): Promise<KafkaMessage[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return readMessages(kafka, topic, offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0));
}

/** The group's committed offset per partition ('-1' where nothing is committed). */
export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Map<number, string>> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
}
