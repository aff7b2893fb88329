import { Clock, systemClock } from '@halfhour/domain';
import {
  EnvelopeOptions,
  MessageDefinition,
  MessageEnvelope,
  newEnvelope,
  TopicDefinition,
  validateMessage,
  withTopicPrefix,
} from '@halfhour/contracts';
import { ProducerMetrics } from '@halfhour/observability';
import { Message } from 'kafkajs';
import { BatchSender } from './batch-sender';
import { encodeEnvelope } from '../envelope-headers';

export interface OutgoingMessage<T extends object> {
  definition: MessageDefinition<T>;
  body: T;
  envelope?: EnvelopeOptions;
}

export interface TopicBatch<T extends object> {
  topic: TopicDefinition<T>;
  messages: readonly OutgoingMessage<T>[];
}

export interface PublishOptions {
  /**
   * Skip re-validating bodies that our own code built from data already validated (e.g. a
   * registry's timelines), where validation would dominate the cost of publishing. A unit test
   * of the builder must then prove its output valid.
   */
  prevalidated?: boolean;
}

/** A message we were about to publish breaks its own contract: a bug in the caller, never sent. */
export class InvalidOutgoingMessage extends Error {
  constructor(topic: string, type: string, reason: string) {
    super(`refusing to publish an invalid ${type} to ${topic}: ${reason}`);
    this.name = 'InvalidOutgoingMessage';
  }
}

/**
 * Publishes contract messages: validated against their class, keyed by the contract's key, with
 * the envelope headers, through the idempotent producer (acks from all in-sync replicas).
 * Resolves once the broker has acknowledged every message.
 */
export class TypedProducer {
  private refusal: (topicName: string) => string | undefined = () => undefined;

  constructor(
    private readonly producer: BatchSender,
    private readonly metrics: ProducerMetrics,
    private readonly topicPrefix = '',
    /** The sender's time, stamped as each message's `hh-occurred-at` unless the message gives its own. */
    private readonly clock: Clock = systemClock,
    /** Below the broker's message.max.bytes (1 MiB by default), which bounds a partition's batch in one request. */
    private readonly maxRequestBytes = 900_000,
  ) {}

  /** From now on, refuses (throws) to publish to a topic the check names a reason against: the service's ACLs, kept in code. */
  limitTo(refusal: (topicName: string) => string | undefined): void {
    this.refusal = refusal;
  }

  async publish<T extends object>(topic: TopicDefinition<T>, messages: readonly OutgoingMessage<T>[], options: PublishOptions = {}): Promise<MessageEnvelope[]> {
    const [envelopes] = await this.publishBatches([{ topic, messages }], options);
    return envelopes;
  }

  /** Several topics in one request to the broker. */
  async publishBatches(batches: readonly TopicBatch<any>[], options: PublishOptions = {}): Promise<MessageEnvelope[][]> {
    const envelopes: MessageEnvelope[][] = [];
    for (const { topic } of batches) {
      const refused = this.refusal(topic.name);
      if (refused) throw new Error(refused);
    }
    const topicMessages = batches.map(({ topic, messages }) => {
      const encoded: Message[] = [];
      const topicEnvelopes: MessageEnvelope[] = [];
      for (const outgoing of messages) {
        const { message, envelope } = this.encode(topic, outgoing, options.prevalidated ?? false);
        encoded.push(message);
        topicEnvelopes.push(envelope);
      }
      envelopes.push(topicEnvelopes);
      return { topic: withTopicPrefix(topic, this.topicPrefix).name, messages: encoded };
    });
    for (const request of requestsOf(topicMessages, this.maxRequestBytes)) {
      try {
        await this.producer.sendBatch({ acks: -1, topicMessages: request });
      } catch (error) {
        for (const { topic, messages } of request) this.metrics.errors.inc({ topic }, messages.length);
        throw error;
      }
      for (const { topic, messages } of request) this.metrics.messages.inc({ topic }, messages.length);
    }
    return envelopes;
  }

  private encode<T extends object>(topic: TopicDefinition<T>, outgoing: OutgoingMessage<T>, prevalidated: boolean): { message: Message; envelope: MessageEnvelope } {
    const { definition, body } = outgoing;
    if (!topic.messages.includes(definition)) {
      throw new InvalidOutgoingMessage(topic.name, definition.type, 'the topic does not carry this message type');
    }
    if (!prevalidated) {
      const validation = validateMessage(definition.messageClass, body);
      if (!validation.ok) throw new InvalidOutgoingMessage(topic.name, definition.type, validation.rejection.message);
    }
    const envelope = newEnvelope(definition.type, definition.schemaVersion, { occurredAt: this.clock.now(), ...outgoing.envelope });
    return {
      envelope,
      message: { key: definition.keyOf(body), value: JSON.stringify(body), headers: encodeEnvelope(envelope) },
    };
  }
}

/**
 * Splits messages into requests of at most `maxBytes` (keys, values and headers), in order, so a
 * large publish never becomes one record batch the broker refuses. Sends stay serialised, so the
 * order within each partition holds.
 */
export function requestsOf(topicMessages: readonly { topic: string; messages: Message[] }[], maxBytes: number): { topic: string; messages: Message[] }[][] {
  const requests: { topic: string; messages: Message[] }[][] = [];
  let current: { topic: string; messages: Message[] }[] = [];
  let bytes = 0;
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > maxBytes) {
        requests.push(current);
        current = [];
        bytes = 0;
      }
      let entry = current.at(-1);
      if (!entry || entry.topic !== topic) current.push((entry = { topic, messages: [] }));
      entry.messages.push(message);
      bytes += size;
    }
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

function sizeOf(message: Message): number {
  let size = 64 + Buffer.byteLength(String(message.key ?? '')) + Buffer.byteLength(String(message.value ?? ''));
  for (const [name, value] of Object.entries(message.headers ?? {})) size += name.length + Buffer.byteLength(String(value ?? ''));
  return size;
}
