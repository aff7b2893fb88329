import { MessageEnvelope } from '@halfhour/contracts';
import { MessageHeaders } from '../connection/kafka-client';
import { KafkaMessage } from 'kafkajs';

/** A message that passed envelope, JSON and schema validation, as a handler receives it. */
export interface ConsumedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  body: T;
  envelope: MessageEnvelope;
}

/** A message as it came off the wire: what a dead-letter topic keeps, byte for byte. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: MessageHeaders;
}

/** A message as kafkajs fetched it, with where it came from. */
export function rawMessageOf(topic: string, partition: number, message: KafkaMessage): RawMessage {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {} };
}
