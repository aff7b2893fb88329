/**
 * What an answer from the DIP means for the MPAN-days in the call. Only a refusal of the data itself
 * is final; everything that says "not now" — the DIP busy or down, a timeout, our credentials or
 * clock refused (an operator fixes those; the data is still good) — is tried again with back-off.
 */
export type DipAnswerClass =
  | { kind: 'ACCEPTED' }
  | { kind: 'REFUSED' }
  | { kind: 'FAILED'; cause: DipFailureCause; retryAfterMs?: number };

/** Why a call failed, a bounded set (a metric label). */
export type DipFailureCause = 'unauthorised' | 'throttled' | 'timeout' | 'unavailable' | 'network';

export const DIP_FAILURE_CAUSES: readonly DipFailureCause[] = ['unauthorised', 'throttled', 'timeout', 'unavailable', 'network'];

const UNAUTHORISED = new Set([401, 403]);
const TIMED_OUT = new Set([408, 504]);
const THROTTLED = new Set([425, 429]);

export function classifyDipAnswer(status: number, retryAfter: string | null | undefined, nowMs: number): DipAnswerClass {
  if (status >= 200 && status < 300) return { kind: 'ACCEPTED' };
  const wait = retryAfterMs(retryAfter, nowMs);
  const failed = (cause: DipFailureCause): DipAnswerClass => (wait === undefined ? { kind: 'FAILED', cause } : { kind: 'FAILED', cause, retryAfterMs: wait });
  if (UNAUTHORISED.has(status)) return failed('unauthorised');
  if (TIMED_OUT.has(status)) return failed('timeout');
  if (THROTTLED.has(status)) return failed('throttled');
  if (status >= 400 && status < 500) return { kind: 'REFUSED' };
  return failed('unavailable');
}

/** RFC 9110's preferred date form, e.g. "Tue, 01 Dec 2026 12:00:30 GMT". */
const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A Retry-After header (seconds, or an HTTP date) as milliseconds from now; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!HTTP_DATE.test(trimmed)) return undefined;
  return Math.max(0, Date.parse(trimmed) - nowMs);
}
