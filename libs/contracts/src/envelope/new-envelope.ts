import { randomUUID } from 'node:crypto';
import { MessageEnvelope } from './message-envelope';
import { childTraceparent } from './trace-context';

export interface EnvelopeOptions {
  /** The message this one answers or follows from: its correlation and trace carry over. */
  causedBy?: Pick<MessageEnvelope, 'messageId' | 'correlationId' | 'traceparent'>;
  correlationId?: string;
  occurredAt?: Date;
  deadline?: Date;
  messageId?: string;
}

export function newEnvelope(
  messageType: string,
  schemaVersion: number,
  options: EnvelopeOptions = {},
): MessageEnvelope {
  const messageId = options.messageId ?? randomUUID();
  const envelope: MessageEnvelope = {
    messageId,
    correlationId: options.correlationId ?? options.causedBy?.correlationId ?? messageId,
    messageType,
    schemaVersion: String(schemaVersion),
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    traceparent: childTraceparent(options.causedBy?.traceparent),
  };
  if (options.causedBy) envelope.causationId = options.causedBy.messageId;
  if (options.deadline) envelope.deadline = options.deadline.toISOString();
  return envelope;
}
