/**
 * Why a read gave no complete data, as a code a program can act on and count by (a bounded metric
 * label), with the detail for people beside it. Where each comes from:
 * - the meter: NO_DATA (nothing returned), MISSING_PERIODS (a partial day);
 * - the provider call: THROTTLED, PROVIDER_ERROR, TIMEOUT (retryable), REFUSED, BAD_RESPONSE (not);
 * - the adapter's own limits: PROVIDER_UNAVAILABLE (its circuit is open), PROVIDER_BUSY (too many
 *   calls waiting), INTERRUPTED (an earlier delivery began the read and never finished),
 *   ADAPTER_ERROR (a bug);
 * - the scheduler: NO_RESPONSE (no result in time).
 */
export const READ_FAILURE_CODES = [
  'NO_DATA', 'MISSING_PERIODS',
  'THROTTLED', 'PROVIDER_ERROR', 'TIMEOUT', 'REFUSED', 'BAD_RESPONSE',
  'PROVIDER_UNAVAILABLE', 'PROVIDER_BUSY', 'INTERRUPTED', 'ADAPTER_ERROR',
  'NO_RESPONSE',
] as const;
export type ReadFailureCode = (typeof READ_FAILURE_CODES)[number];

export interface ReadFailure {
  code: ReadFailureCode;
  detail: string;
}

/** `CODE: detail`, bounded: what is stored and shown as a failure reason. */
export function describeReadFailure(failure: ReadFailure, maxLength = 300): string {
  return `${failure.code}: ${failure.detail}`.slice(0, maxLength);
}
