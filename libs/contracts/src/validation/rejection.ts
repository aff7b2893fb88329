/**
 * Why a message was not accepted. Reason codes are stable identifiers (they are metric labels and
 * DLQ headers); the message is for people.
 */
export interface Rejection {
  reasonCode: string;
  message: string;
}

/** Reasons any consumer can give before the message reaches domain logic. */
export const TransportReason = {
  MissingHeader: 'MISSING_HEADER',
  /** `hh-message-id` is not a UUID: consumers drop duplicates by it, so it must be one. */
  InvalidMessageId: 'INVALID_MESSAGE_ID',
  /** An `hh-message-id` already used by a different message: never taken for a redelivery of it. */
  MessageIdReused: 'MESSAGE_ID_REUSED',
  UnknownMessageType: 'UNKNOWN_MESSAGE_TYPE',
  MalformedJson: 'MALFORMED_JSON',
  SchemaViolation: 'SCHEMA_VIOLATION',
  KeyMismatch: 'KEY_MISMATCH',
  HandlerFailed: 'HANDLER_FAILED',
} as const;

export type TransportReasonCode = (typeof TransportReason)[keyof typeof TransportReason];

/** Reasons a message's own fields give, named by the rule that failed (see validators/). */
export const ValidationReason = {
  InvalidMpan: 'INVALID_MPAN',
  InvalidMpid: 'INVALID_MPID',
  InvalidDeviceId: 'INVALID_DEVICE_ID',
  InvalidDate: 'INVALID_DATE',
  DatesOutOfOrder: 'DATES_OUT_OF_ORDER',
  InvalidRequestId: 'INVALID_REQUEST_ID',
  UnacceptedKeyType: 'UNACCEPTED_KEY_TYPE',
} as const;
