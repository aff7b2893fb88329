import { deadLetterTopicOf, Rejection } from '@halfhour/contracts';
import { ConsumerMetrics, JsonLogger } from '@halfhour/observability';
import { BatchSender } from '../producer/serial-batch-sender';
import { RawMessage } from './consumed-message';

export const DEAD_LETTER_HEADERS = {
  reasonCode: 'hh-dlq-reason-code',
  reason: 'hh-dlq-reason',
  sourceTopic: 'hh-dlq-source-topic',
  sourcePartition: 'hh-dlq-source-partition',
  sourceOffset: 'hh-dlq-source-offset',
  consumerGroup: 'hh-dlq-consumer-group',
  failedAt: 'hh-dlq-failed-at',
} as const;

/** Reason texts can quote a whole payload; a header is no place for megabytes. */
const MAX_REASON_LENGTH = 2_000;

export interface DeadLetter {
  raw: RawMessage;
  rejection: Rejection;
}

/**
 * Moves messages a consumer cannot accept to `<topic>.dlq`: original key, value and headers kept
 * byte for byte (so a replay is a plain re-publish), plus the reason and the source position.
 * The send is awaited with acks from all in-sync replicas before the source offset is committed.
 */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: BatchSender,
    private readonly metrics: ConsumerMetrics,
    private readonly logger: JsonLogger,
  ) {}

  async publish(consumerGroup: string, letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const failedAt = new Date().toISOString();
    const byTopic = new Map<string, DeadLetter[]>();
    for (const letter of letters) {
      const list = byTopic.get(letter.raw.topic) ?? [];
      list.push(letter);
      byTopic.set(letter.raw.topic, list);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: deadLetterTopicOf(topic),
        messages: list.map(({ raw, rejection }) => ({
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
        })),
      })),
    });
    for (const { raw, rejection } of letters) {
      this.metrics.deadLetters.inc({ topic: raw.topic, reason: rejection.reasonCode });
      this.logger.warn(
        { topic: raw.topic, partition: raw.partition, offset: raw.offset, reasonCode: rejection.reasonCode, reason: rejection.message },
        'message dead-lettered',
      );
    }
  }
}
