import { isValidEui64 } from '../identifiers/eui64';

/** A DUIS request ID: `originatorEUI64:targetEUI64:counter` (R-ACL-1). */
export interface RequestId {
  originator: string;
  target: string;
  /** Up to 64 bits in DUIS; a bigint keeps every value exact. */
  counter: bigint;
}

const COUNTER = /^\d{1,20}$/;
const MAX_COUNTER = 2n ** 64n - 1n;

export function parseRequestId(text: string): RequestId | undefined {
  const parts = text.split(':');
  if (parts.length !== 3) return undefined;
  const [originator, target, counterText] = parts;
  if (!isValidEui64(originator) || !isValidEui64(target) || !COUNTER.test(counterText)) return undefined;
  const counter = BigInt(counterText);
  return counter <= MAX_COUNTER ? { originator, target, counter } : undefined;
}

export function formatRequestId(id: RequestId): string {
  return `${id.originator}:${id.target}:${id.counter}`;
}

/**
 * Anti-replay (R-ACL-7): a user's counter must be strictly greater than the last one accepted from
 * it. A replayed or reordered request is refused; the first request of a user is accepted.
 */
export function isFreshCounter(counter: bigint, lastAccepted: bigint | undefined): boolean {
  return lastAccepted === undefined || counter > lastAccepted;
}
