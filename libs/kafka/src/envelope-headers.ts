import {
  ENVELOPE_HEADERS,
  MessageEnvelope,
  Rejection,
  REQUIRED_ENVELOPE_FIELDS,
  TransportReason,
} from '@halfhour/contracts';
import { IHeaders } from 'kafkajs';

export function encodeEnvelope(envelope: MessageEnvelope): IHeaders {
  const headers: IHeaders = {};
  for (const [field, header] of Object.entries(ENVELOPE_HEADERS) as [keyof MessageEnvelope, string][]) {
    const value = envelope[field];
    if (value !== undefined) headers[header] = value;
  }
  return headers;
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type EnvelopeOutcome = { ok: true; envelope: MessageEnvelope } | { ok: false; rejection: Rejection };

export function decodeEnvelope(headers: IHeaders | undefined): EnvelopeOutcome {
  const envelope: Partial<MessageEnvelope> = {};
  for (const [field, header] of Object.entries(ENVELOPE_HEADERS) as [keyof MessageEnvelope, string][]) {
    const value = headerText(headers, header);
    if (value !== undefined) envelope[field] = value;
  }
  const missing = REQUIRED_ENVELOPE_FIELDS.filter((field) => !envelope[field]).map((f) => ENVELOPE_HEADERS[f]);
  if (missing.length > 0) {
    return {
      ok: false,
      rejection: { reasonCode: TransportReason.MissingHeader, message: `missing envelope header(s): ${missing.join(', ')}` },
    };
  }
  if (!UUID.test(envelope.messageId!)) {
    return { ok: false, rejection: { reasonCode: TransportReason.InvalidMessageId, message: `${ENVELOPE_HEADERS.messageId} must be a UUID (consumers drop duplicates by it)` } };
  }
  return { ok: true, envelope: envelope as MessageEnvelope };
}
