import { IHeaders, Kafka, Message } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '../consumer/dead-letter-publisher';
import { createIdempotentProducer } from '../producer/idempotent-producer';

/** Headers a replayed message carries instead of the hh-dlq-* ones: its audit on the source topic. */
export const REPLAY_HEADERS = {
  replayedFrom: 'hh-replayed-from',
  replayedAt: 'hh-replayed-at',
  replayedBy: 'hh-replayed-by',
  reason: 'hh-replay-reason',
} as const;

export interface ReplayRequest {
  /** The dead-letter topic, `<topic>.dlq`. */
  deadLetterTopic: string;
  /** Only letters with this `hh-dlq-reason-code` (all when absent). */
  reasonCode?: string;
  requestedBy: string;
  reason: string;
}

export interface StoredDeadLetter {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

export type ReplayDecision =
  | { replay: true; topic: string; message: { key: Buffer | null; value: Buffer; headers: IHeaders } }
  | { replay: false; why: 'OTHER_REASON' | 'TRUNCATED' | 'FOREIGN_SOURCE' };

const text = (value: IHeaders[string]) => (value === undefined ? undefined : Array.isArray(value) ? String(value[0]) : String(value));

/**
 * What replaying one dead letter means: back to the topic it came from, with its key, value and
 * original headers — the consumers' message ID among them, so an idempotent consumer that handled
 * it before does nothing — without the hh-dlq-* headers, and with who replayed it, when and why.
 * A letter whose value was cut (too large for the dead-letter topic) cannot be replayed from here.
 * The topic is the dead-letter topic's own, never what a header says: whoever can write a `.dlq`
 * topic must not be able to publish through the operator's credentials into another topic, so a
 * letter whose `hh-dlq-source-topic` names any other (or none) is skipped as FOREIGN_SOURCE.
 */
export function replayOf(letter: StoredDeadLetter, request: ReplayRequest, at: Date): ReplayDecision {
  const headers = letter.headers ?? {};
  if (request.reasonCode !== undefined && text(headers[DEAD_LETTER_HEADERS.reasonCode]) !== request.reasonCode) return { replay: false, why: 'OTHER_REASON' };
  if (headers[DEAD_LETTER_HEADERS.truncatedFromBytes] !== undefined || letter.value === null) return { replay: false, why: 'TRUNCATED' };
  const topic = sourceTopicOf(request.deadLetterTopic);
  if (text(headers[DEAD_LETTER_HEADERS.sourceTopic]) !== topic) return { replay: false, why: 'FOREIGN_SOURCE' };
  const dlqHeaders = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !dlqHeaders.has(name)));
  return {
    replay: true,
    topic,
    message: {
      key: letter.key,
      value: letter.value,
      headers: {
        ...kept,
        [REPLAY_HEADERS.replayedFrom]: `${request.deadLetterTopic}/${letter.partition}/${letter.offset}`,
        [REPLAY_HEADERS.replayedAt]: at.toISOString(),
        [REPLAY_HEADERS.replayedBy]: request.requestedBy,
        [REPLAY_HEADERS.reason]: request.reason,
      },
    },
  };
}

/** The topic a dead-letter topic belongs to: `<topic>.dlq` → `<topic>`. */
export function sourceTopicOf(deadLetterTopic: string): string {
  if (!deadLetterTopic.endsWith(DLQ_SUFFIX) || deadLetterTopic.length === DLQ_SUFFIX.length) throw new RangeError(`${deadLetterTopic} is not a dead-letter topic (<topic>${DLQ_SUFFIX})`);
  return deadLetterTopic.slice(0, -DLQ_SUFFIX.length);
}

const DLQ_SUFFIX = '.dlq';

export interface ReplayOutcome {
  replayed: number;
  skipped: Record<string, number>;
}

/**
 * Replays a dead-letter topic up to where it stands now. The letters read are committed under a
 * consumer group of this topic and filter, so the same command run again replays only letters
 * that arrived since; a different filter reads the topic afresh (consumers are idempotent by
 * message ID, so a message replayed twice is handled once).
 */
export async function replayDeadLetters(kafka: Kafka, request: ReplayRequest, now: () => Date = () => new Date()): Promise<ReplayOutcome> {
  sourceTopicOf(request.deadLetterTopic);
  const groupId = `halfhour-operator.replay.${request.deadLetterTopic}.${request.reasonCode ?? 'all'}`;
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(request.deadLetterTopic)).map((o) => [o.partition, Number(o.high)]));
  const [committed] = await whileRetriable(() => admin.fetchOffsets({ groupId, topics: [request.deadLetterTopic] }));
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([partition, high]) => {
    const at = Number(committed.partitions.find((p) => p.partition === partition)?.offset ?? -1);
    return high > Math.max(at, 0);
  }).map(([partition]) => partition));
  const outcome: ReplayOutcome = { replayed: 0, skipped: {} };
  if (remaining.size === 0) return outcome;

  const producer = createIdempotentProducer(kafka);
  const consumer = kafka.consumer({ groupId });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: request.deadLetterTopic, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        try {
          const last = ends.get(batch.partition) ?? 0;
          const letters = batch.messages.filter((m) => Number(m.offset) < last);
          const decisions = letters.map((m) => replayOf({ partition: batch.partition, offset: m.offset, key: m.key, value: m.value, headers: m.headers }, request, now()));
          const byTopic = new Map<string, Message[]>();
          for (const decision of decisions) {
            if (decision.replay) byTopic.set(decision.topic, [...(byTopic.get(decision.topic) ?? []), decision.message]);
            else outcome.skipped[decision.why] = (outcome.skipped[decision.why] ?? 0) + 1;
          }
          // Sent before the letters are committed: a crash between the two replays them again, never loses them.
          for (const [topic, messages] of byTopic) await producer.send({ topic, messages });
          outcome.replayed += decisions.filter((d) => d.replay).length;
          const lastRead = letters.at(-1);
          if (lastRead) {
            resolveOffset(lastRead.offset);
            await consumer.commitOffsets([{ topic: request.deadLetterTopic, partition: batch.partition, offset: String(Number(lastRead.offset) + 1) }]);
          }
          await heartbeat();
          if (Number(batch.lastOffset()) + 1 >= last) remaining.delete(batch.partition);
          if (remaining.size === 0) resolve();
        } catch (error) {
          reject(error);
        }
      },
    }).catch(reject);
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return outcome;
}

/** kafkajs's admin does not retry a new group's coordinator moving (NOT_COORDINATOR): this does, a few times. */
async function whileRetriable<T>(call: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
