import { Rejection, TransportReason } from '@halfhour/contracts';

/**
 * An error a handler throws on purpose. The type, not the text, decides what happens next:
 * `retryable` errors are retried with backoff for as long as they last (a database that is down);
 * the others are final for the message they concern and send it to the dead-letter topic.
 */
export abstract class HandlingError extends Error {
  abstract readonly retryable: boolean;

  constructor(readonly reasonCode: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The message itself is unacceptable (a domain rule says no); retrying cannot help. */
export class MessageRejected extends HandlingError {
  readonly retryable = false;
}

/** A dependency failed in a way that may pass; the same batch is retried later. */
export class TransientFailure extends HandlingError {
  readonly retryable = true;
}

export function rejectionFrom(error: unknown): Rejection {
  if (error instanceof HandlingError) return { reasonCode: error.reasonCode, message: error.message };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { reasonCode: TransportReason.HandlerFailed, message: text };
}
