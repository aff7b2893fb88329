/**
 * The metadata every Halfhour message carries, in Kafka headers (never in the body), so that
 * any consumer, dead-letter tool or trace viewer can read it without knowing the message type.
 */
export interface MessageEnvelope {
  /** Unique per message; consumers use it to drop duplicates. */
  messageId: string;
  /** Shared by every message about one request or plan item, end to end. */
  correlationId: string;
  /** The message ID of the message that caused this one, if any. */
  causationId?: string;
  /** The message type, e.g. `css.mdr-appointed`. */
  messageType: string;
  /** Schema version of the body, an integer as a string. */
  schemaVersion: string;
  /** When the fact happened, ISO 8601 UTC. */
  occurredAt: string;
  /** When a response is due (the TRT), ISO 8601 UTC, if there is one. */
  deadline?: string;
  /** W3C trace context. */
  traceparent: string;
}

export const ENVELOPE_HEADERS = {
  messageId: 'hh-message-id',
  correlationId: 'hh-correlation-id',
  causationId: 'hh-causation-id',
  messageType: 'hh-message-type',
  schemaVersion: 'hh-schema-version',
  occurredAt: 'hh-occurred-at',
  deadline: 'hh-deadline',
  traceparent: 'traceparent',
} as const satisfies Record<keyof MessageEnvelope, string>;

export const REQUIRED_ENVELOPE_FIELDS = [
  'messageId',
  'correlationId',
  'messageType',
  'schemaVersion',
  'occurredAt',
  'traceparent',
] as const satisfies readonly (keyof MessageEnvelope)[];
