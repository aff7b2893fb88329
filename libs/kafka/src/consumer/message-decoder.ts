import {
  childTraceparent,
  derivedMessageId,
  findMessageDefinition,
  MessageEnvelope,
  Rejection,
  TopicDefinition,
  TransportReason,
  validateMessage,
} from '@halfhour/contracts';
import { decodeEnvelope } from '../envelope-headers';
import { ConsumedMessage, RawMessage } from './consumed-message';

export type DecodeOutcome<T> = { ok: true; message: ConsumedMessage<T> } | { ok: false; rejection: Rejection };

/**
 * Everything a consumer checks before domain logic sees a message: the envelope headers, a message
 * type and version the topic carries, JSON, the message class's rules, and a key that matches the
 * body (a message keyed by the wrong MPAN would break per-meter ordering).
 */
export function decodeMessage<T extends object>(topic: TopicDefinition<T>, raw: RawMessage): DecodeOutcome<T> {
  if (raw.value === null && topic.tombstone) return decodeTombstone(topic.tombstone, raw);
  const envelopeOutcome = decodeEnvelope(raw.headers);
  if (!envelopeOutcome.ok) return envelopeOutcome;
  const { envelope } = envelopeOutcome;

  const definition = findMessageDefinition(topic, envelope.messageType, envelope.schemaVersion);
  if (!definition) {
    return reject(
      TransportReason.UnknownMessageType,
      `${topic.name} does not carry ${envelope.messageType} v${envelope.schemaVersion}`,
    );
  }

  let body: unknown;
  try {
    body = JSON.parse(raw.value?.toString('utf8') ?? '');
  } catch (error) {
    return reject(TransportReason.MalformedJson, `body is not JSON: ${(error as Error).message}`);
  }

  const validation = validateMessage(definition.messageClass, body);
  if (!validation.ok) return validation;

  const key = raw.key?.toString('utf8') ?? '';
  const expectedKey = definition.keyOf(validation.value);
  if (key !== expectedKey) {
    return reject(TransportReason.KeyMismatch, `key "${key}" should be the ${topic.key.name} "${expectedKey}"`);
  }

  return {
    ok: true,
    message: { topic: raw.topic, partition: raw.partition, offset: raw.offset, key, body: validation.value, envelope },
  };
}

/**
 * A tombstone, on a topic that says what one means, read as that message: its body from the key,
 * checked like any other. Producers of tombstones seldom send our headers, so an envelope is made
 * for it when it has none, with an ID derived from its place in the log (a redelivery has the same).
 */
function decodeTombstone<T extends object>(tombstone: NonNullable<TopicDefinition<T>['tombstone']>, raw: RawMessage): DecodeOutcome<T> {
  const key = raw.key?.toString('utf8') ?? '';
  const validation = validateMessage(tombstone.message.messageClass, tombstone.bodyOf(key));
  if (!validation.ok) return { ok: false, rejection: { reasonCode: validation.rejection.reasonCode, message: `tombstone key: ${validation.rejection.message}` } };
  const sent = decodeEnvelope(raw.headers);
  const messageId = derivedMessageId('tombstone', raw.topic, String(raw.partition), raw.offset);
  const envelope: MessageEnvelope = sent.ok
    ? { ...sent.envelope, messageType: tombstone.message.type, schemaVersion: String(tombstone.message.schemaVersion) }
    : { messageId, correlationId: messageId, messageType: tombstone.message.type, schemaVersion: String(tombstone.message.schemaVersion), occurredAt: new Date().toISOString(), traceparent: childTraceparent() };
  return { ok: true, message: { topic: raw.topic, partition: raw.partition, offset: raw.offset, key, body: validation.value, envelope } };
}

function reject(reasonCode: string, message: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { reasonCode, message } };
}
