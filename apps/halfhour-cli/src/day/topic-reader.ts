import { randomUUID } from 'node:crypto';
import { cliKafka } from '../stack/cli-kafka';

/**
 * Every message on a topic from the start to its end as of now, parsed as JSON. Allowed a minute
 * plus a second per thousand messages (a 200,000-MPAN day has over 400,000 responses).
 */
export async function readTopicToEnd<T>(topic: string): Promise<T[]> {
  const kafka = cliKafka('halfhour-cli-report');
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const remaining = new Map([...ends].filter(([, high]) => high > 0));
  const timeoutMs = 60_000 + [...ends.values()].reduce((total, high) => total + high, 0);
  const messages: T[] = [];
  if (remaining.size === 0) return messages;
  const consumer = kafka.consumer({ groupId: `halfhour-cli-report-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic} not read to its end within ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            if (Number(message.offset) >= (ends.get(batch.partition) ?? 0)) continue;
            if (message.value) messages.push(JSON.parse(message.value.toString()) as T);
            if (Number(message.offset) + 1 >= ends.get(batch.partition)!) remaining.delete(batch.partition);
          }
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
