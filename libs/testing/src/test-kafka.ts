import { renameTopic, TopicDefinition } from '@halfhour/contracts';
import { createKafkaClient, KafkaAdmin, KafkaClient, KafkaRecord } from '@halfhour/kafka';
import { createJsonLogger } from '@halfhour/observability';
import { testBrokers } from './stack-endpoints';
import { uniqueName } from './unique-name';

/** How long a test waits for messages: a single-node broker on a loaded machine can stall for tens of seconds. */
const PATIENT_REQUEST_TIMEOUT_MS = 120_000;

/** A patient client of the test broker; silent unless KAFKAJS_LOG is set (the client logs retriable broker states as errors). */
export function testKafka(clientId = 'halfhour-test'): KafkaClient {
  return createKafkaClient({ clientId, brokers: testBrokers(), patient: true, ...(process.env.KAFKAJS_LOG ? { logger: createJsonLogger(clientId, 'debug') } : {}) });
}

/** A copy of a registry topic under a name of the test's own; provision it with provisionTopics. */
export function ownCopyOf<T extends object>(topic: TopicDefinition<T>): TopicDefinition<T> {
  return renameTopic(topic, `${uniqueName(topic.name.replace(/\.\d+$/, ''))}.1`);
}

/** Reads a topic from the start until `count` messages have arrived (or fails after the timeout). */
export async function readMessages(kafka: KafkaClient, topic: string, count: number, timeoutMs = PATIENT_REQUEST_TIMEOUT_MS): Promise<KafkaRecord[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const received: KafkaRecord[] = [];
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
export async function readWholeTopic(kafka: KafkaClient, admin: KafkaAdmin, topic: string): Promise<KafkaRecord[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return readMessages(kafka, topic, offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0));
}

/** The group's committed offset per partition ('-1' where nothing is committed). */
export async function committedOffsets(admin: KafkaAdmin, groupId: string, topic: string): Promise<Map<number, string>> {
  const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((entry?.partitions ?? []).map((p) => [p.partition, p.offset]));
}
