import { MessageHeaders } from '@halfhour/kafka';
import { randomUUID } from 'node:crypto';
import { cliKafka } from '../stack/cli-kafka';

export interface TopicRecord {
  value: Buffer | null;
  headers: Record<string, string>;
}

/** Every record on a topic from the start to its end as of now, value and headers, together: for topics of a few records. */
export async function readTopicRecordsToEnd(topic: string): Promise<TopicRecord[]> {
  const records: TopicRecord[] = [];
  await forEachTopicRecordToEnd(topic, (record) => records.push(record));
  return records;
}

/**
 * Hands `visit` every record on a topic from the start to its end as of now, value and headers, a
 * batch at a time (a national day's million answers are never held together). Allowed a minute
 * plus a second per thousand messages (a 200,000-MPAN day has over 400,000 responses).
 */
export async function forEachTopicRecordToEnd(topic: string, visit: (record: TopicRecord) => void): Promise<void> {
  const kafka = cliKafka('halfhour-cli-report');
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
  await admin.disconnect();
  const remaining = new Map([...ends].filter(([, high]) => high > 0));
  const timeoutMs = 60_000 + [...ends.values()].reduce((total, high) => total + high, 0);
  if (remaining.size === 0) return;
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
            visit({ value: message.value, headers: headerStrings(message.headers) });
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
}

function headerStrings(headers: MessageHeaders | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(Array.isArray(value) ? value[0] : value)]])));
}
