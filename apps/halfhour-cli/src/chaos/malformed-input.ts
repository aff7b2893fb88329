import { ALL_TOPICS, deadLetterTopicOf, ENVELOPE_HEADERS, TopicDefinition, withTopicPrefix } from '@halfhour/contracts';
import { createIdempotentProducer, OutgoingRecord } from '@halfhour/kafka';
import { randomUUID } from 'node:crypto';
import { readTopicRecordsToEnd } from '../day/topic-reader';
import { cliKafka } from '../stack/cli-kafka';

/** Marks the campaign's malformed messages (`<topic>#<n>`), so their dead letters can be found and counted. */
export const PROBE_HEADER = 'hh-chaos-probe';

/** Just under the broker's default message.max.bytes (1 MiB), as in the campaign that once stopped a consumer. */
const OVERSIZE_BYTES = 1_000_000;

const KINDS = ['not-json', 'wrong-shape', 'unknown-type', 'no-envelope', 'wrong-version'] as const;

/** The topics the outside world writes: where malformed input comes from. */
export const INBOUND_TOPICS = ALL_TOPICS.filter((topic) => topic.direction === 'inbound');

/**
 * `count` messages no consumer should accept, the kinds in turn (not JSON, JSON of the wrong shape,
 * an unknown type, no envelope, an unknown schema version), the last `oversize` of them with a
 * value near the broker's size limit. Every one keyed (compacted topics refuse keyless records).
 */
export function malformedMessages(topic: TopicDefinition, count: number, oversize: number): OutgoingRecord[] {
  const definition = topic.messages[0];
  return Array.from({ length: count }, (_, n) => {
    const kind = KINDS[n % KINDS.length];
    const probe = { [PROBE_HEADER]: `${topic.name}#${n}` };
    const envelope = {
      [ENVELOPE_HEADERS.messageId]: randomUUID(), [ENVELOPE_HEADERS.correlationId]: randomUUID(),
      [ENVELOPE_HEADERS.messageType]: kind === 'unknown-type' ? 'chaos.no-such-type' : definition.type,
      [ENVELOPE_HEADERS.schemaVersion]: kind === 'wrong-version' ? '999' : String(definition.schemaVersion),
      [ENVELOPE_HEADERS.occurredAt]: new Date().toISOString(),
      [ENVELOPE_HEADERS.traceparent]: `00-${randomUUID().replace(/-/g, '')}-${randomUUID().replace(/-/g, '').slice(0, 16)}-01`,
    };
    const value = n >= count - oversize
      ? JSON.stringify({ padding: 'x'.repeat(OVERSIZE_BYTES) })
      : kind === 'not-json' ? `{"chaos": ${n},` : kind === 'wrong-shape' ? JSON.stringify({ chaos: n, mpan: 42 }) : JSON.stringify(definition.example);
    return { key: `chaos-${n}`, value, headers: kind === 'no-envelope' ? probe : { ...envelope, ...probe } };
  });
}

/** Publishes the malformed messages on every inbound topic of the run; returns how many went to each. */
export async function publishMalformed(topicPrefix: string, perTopic: number, oversize: number): Promise<Record<string, number>> {
  const producer = createIdempotentProducer(cliKafka('halfhour-chaos-malformed'));
  await producer.connect();
  const sent: Record<string, number> = {};
  try {
    for (const topic of INBOUND_TOPICS) {
      const name = withTopicPrefix(topic, topicPrefix).name;
      const messages = malformedMessages(topic, perTopic, oversize);
      const ordinary = messages.slice(0, perTopic - oversize);
      for (let i = 0; i < ordinary.length; i += 500) await producer.send({ topic: name, messages: ordinary.slice(i, i + 500) });
      for (const large of messages.slice(perTopic - oversize)) await producer.send({ topic: name, messages: [large] });
      sent[topic.name] = messages.length;
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

export interface DeadLettered {
  topic: string;
  sent: number;
  /** Distinct probes found on the topic's dead-letter topic with a reason code. */
  deadLettered: number;
  /** Of those, letters sent without their value (too large even for the dead-letter topic). */
  withoutValue: number;
}

/** For each inbound topic, how many of the malformed messages sent to it are on its dead-letter topic, each with a reason. */
export async function findDeadLetters(topicPrefix: string, sent: Record<string, number>): Promise<DeadLettered[]> {
  const found: DeadLettered[] = [];
  for (const topic of INBOUND_TOPICS) {
    const records = await readTopicRecordsToEnd(deadLetterTopicOf(withTopicPrefix(topic, topicPrefix).name));
    const probes = records.filter((r) => r.headers[PROBE_HEADER] && r.headers['hh-dlq-reason-code']);
    const withoutValue = new Set(probes.filter((r) => r.headers['hh-dlq-truncated-from-bytes']).map((r) => r.headers[PROBE_HEADER]));
    found.push({ topic: topic.name, sent: sent[topic.name] ?? 0, deadLettered: new Set(probes.map((r) => r.headers[PROBE_HEADER])).size, withoutValue: withoutValue.size });
  }
  return found;
}
