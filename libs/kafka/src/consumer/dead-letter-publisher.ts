import { deadLetterTopicOf, Rejection } from '@halfhour/contracts';
import { ConsumerMetrics, JsonLogger } from '@halfhour/observability';
import { createHash } from 'node:crypto';
import { Message } from 'kafkajs';
import { requestsOf } from '../producer/typed-producer';
import { BatchSender } from '../producer/batch-sender';
import { RawMessage } from './consumed-message';

export const DEAD_LETTER_HEADERS = {
  reasonCode: 'hh-dlq-reason-code',
  reason: 'hh-dlq-reason',
  sourceTopic: 'hh-dlq-source-topic',
  sourcePartition: 'hh-dlq-source-partition',
  sourceOffset: 'hh-dlq-source-offset',
  consumerGroup: 'hh-dlq-consumer-group',
  failedAt: 'hh-dlq-failed-at',
  /** Set on a letter sent without its value: the original's size in bytes. */
  truncatedFromBytes: 'hh-dlq-truncated-from-bytes',
  /** With `truncatedFromBytes`: the SHA-256 of the original value, to recognise it at its source offset. */
  valueSha256: 'hh-dlq-value-sha256',
} as const;

/** Reason texts can quote a whole payload; a header is no place for megabytes. */
const MAX_REASON_LENGTH = 2_000;
/** A letter sent without its value keeps its key only if the key is of a sane size. */
const MAX_KEPT_KEY_BYTES = 1_024;

/** Broker answers that no retry can change: this record, as it is, will never be taken. */
const RECORD_REFUSED = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);

export interface DeadLetter {
  raw: RawMessage;
  rejection: Rejection;
}

/**
 * Moves messages a consumer cannot accept to `<topic>.dlq`: original key, value and headers kept
 * byte for byte (so a replay is a plain re-publish), plus the reason and the source position.
 * The send is awaited with acks from all in-sync replicas before the source offset is committed.
 *
 * Dead-lettering must never be what stops a consumer: letters go in requests split by size (the
 * dead-letter topics take records twice the broker's default limit, so an original near the limit
 * still fits with its headers), and a letter the broker still refuses as a record — too large, or
 * malformed — is sent without its value, with its size and hash, and counted. The original stays
 * at its source position, which the letter names. A broker that is down is not a refusal: that
 * error is thrown and the batch is retried.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: BatchSender,
    private readonly metrics: ConsumerMetrics,
    private readonly logger: JsonLogger,
    /** Below the broker's message.max.bytes (1 MiB by default), as for every other publish. */
    private readonly maxRequestBytes = 900_000,
  ) {}

  async publish(consumerGroup: string, letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const failedAt = new Date().toISOString();
    const byTopic = new Map<string, Message[]>();
    for (const { raw, rejection } of letters) {
      const topic = deadLetterTopicOf(raw.topic);
      const list = byTopic.get(topic) ?? [];
      list.push(letterOf(raw, rejection, consumerGroup, failedAt));
      byTopic.set(topic, list);
    }
    for (const request of requestsOf([...byTopic].map(([topic, messages]) => ({ topic, messages })), this.maxRequestBytes)) {
      await this.send(request);
    }
    for (const { raw, rejection } of letters) {
      this.metrics.deadLetters.inc({ topic: raw.topic, reason: rejection.reasonCode });
      this.logger.warn(
        { topic: raw.topic, partition: raw.partition, offset: raw.offset, reasonCode: rejection.reasonCode, reason: rejection.message },
        'message dead-lettered',
      );
    }
  }

  /** One request; if the broker refuses a record in it, each letter alone, and a refused one without its value. */
  private async send(request: { topic: string; messages: Message[] }[]): Promise<void> {
    try {
      await this.producer.sendBatch({ acks: -1, topicMessages: request });
      return;
    } catch (error) {
      if (!isRecordRefused(error)) throw error;
    }
    for (const { topic, messages } of request) {
      for (const message of messages) {
        try {
          await this.producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: [message] }] });
        } catch (error) {
          if (!isRecordRefused(error)) throw error;
          await this.producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: [withoutValue(message)] }] });
          const headers = message.headers ?? {};
          const sourceTopic = String(headers[DEAD_LETTER_HEADERS.sourceTopic]);
          this.metrics.deadLettersTruncated.inc({ topic: sourceTopic });
          this.logger.error(
            { topic: sourceTopic, partition: String(headers[DEAD_LETTER_HEADERS.sourcePartition]), offset: String(headers[DEAD_LETTER_HEADERS.sourceOffset]), error: (error as Error).message },
            'dead letter refused by the broker whole; sent without its value (the original stays at its source offset)',
          );
        }
      }
    }
  }
}

function letterOf(raw: RawMessage, rejection: Rejection, consumerGroup: string, failedAt: string): Message {
  return {
    key: raw.key,
    value: raw.value,
    headers: {
      ...raw.headers,
      [DEAD_LETTER_HEADERS.reasonCode]: rejection.reasonCode,
      [DEAD_LETTER_HEADERS.reason]: rejection.message.slice(0, MAX_REASON_LENGTH),
      [DEAD_LETTER_HEADERS.sourceTopic]: raw.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(raw.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: raw.offset,
      [DEAD_LETTER_HEADERS.consumerGroup]: consumerGroup,
      [DEAD_LETTER_HEADERS.failedAt]: failedAt,
    },
  };
}

/** The letter with no value and only the dead-letter headers (the original's own headers may be what is too large). */
function withoutValue(letter: Message): Message {
  const value = letter.value ?? Buffer.alloc(0);
  const ownHeaders = Object.fromEntries(Object.entries(letter.headers ?? {}).filter(([name]) => name.startsWith('hh-dlq-')));
  const key = letter.key ?? null;
  return {
    key: key !== null && Buffer.byteLength(key) <= MAX_KEPT_KEY_BYTES ? key : null,
    value: null,
    headers: {
      ...ownHeaders,
      [DEAD_LETTER_HEADERS.truncatedFromBytes]: String(Buffer.byteLength(value)),
      [DEAD_LETTER_HEADERS.valueSha256]: createHash('sha256').update(value).digest('hex'),
    },
  };
}

/** Whether kafkajs failed because the broker refused a record as such (not because it could not be reached). */
export function isRecordRefused(error: unknown): boolean {
  for (let e = error as { type?: unknown; cause?: unknown; originalError?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.type === 'string' && RECORD_REFUSED.has(e.type)) return true;
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return false;
}
