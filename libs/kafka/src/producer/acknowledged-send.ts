import { KafkaJSError, Message, ProducerBatch, RecordMetadata } from 'kafkajs';

/** Sends of the unacknowledged rest after the first, before the publish fails (and its caller retries). */
export const MAX_RESENDS = 5;

/** Some messages were never acknowledged, however often sent: retriable, so the caller's batch is tried again. */
export class UnacknowledgedMessages extends KafkaJSError {
  override readonly name = 'UnacknowledgedMessages';

  constructor(count: number, topics: readonly string[]) {
    super(`${count} messages to ${topics.join(', ')} were not acknowledged after ${MAX_RESENDS + 1} sends`, { retriable: true });
  }
}

/**
 * Sends a batch until every message's partition has been acknowledged. kafkajs (2.2.4) resolves a
 * send although some of it was never written: when a request to one broker fails and its
 * partitions' leadership has moved to a broker that already answered the same send, its retry
 * skips them (sendMessages.js tracks answers per broker, not per partition). A leader moving back
 * to its preferred broker after a broker restart does exactly this, and the messages are lost
 * without an error. So every message's partition, as the partitioner last chose it, is checked
 * against the acknowledgements, and the messages of any partition missing are sent again.
 */
export async function sendUntilAcknowledged(
  send: (batch: ProducerBatch) => Promise<RecordMetadata[]>,
  batch: ProducerBatch,
  partitionOf: (message: Message) => number | undefined,
  onResend: (topic: string, messages: number) => void = () => undefined,
): Promise<RecordMetadata[]> {
  const acknowledged: RecordMetadata[] = [];
  let pending = batch;
  for (let resends = 0; ; resends++) {
    const answers = await send(pending);
    acknowledged.push(...answers);
    // acks=0 asks for no answer: nothing can be checked.
    if (batch.acks === 0) return acknowledged;
    const written = new Set(answers.map((answer) => `${answer.partition}@${answer.topicName}`));
    const missing = (pending.topicMessages ?? [])
      .map(({ topic, messages }) => ({ topic, messages: messages.filter((message) => !written.has(`${partitionOf(message)}@${topic}`)) }))
      .filter(({ messages }) => messages.length > 0);
    if (missing.length === 0) return acknowledged;
    if (resends === MAX_RESENDS) throw new UnacknowledgedMessages(missing.reduce((n, t) => n + t.messages.length, 0), missing.map((t) => t.topic));
    for (const { topic, messages } of missing) onResend(topic, messages.length);
    pending = { ...batch, topicMessages: missing };
  }
}
