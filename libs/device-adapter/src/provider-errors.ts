import { ReadFailureCode } from '@halfhour/domain';

/** Why a call to a provider did not give data; `retryable` says whether trying again can help. */
export class ProviderCallFailed extends Error {
  constructor(
    readonly reason: Extract<ReadFailureCode, 'THROTTLED' | 'PROVIDER_ERROR' | 'TIMEOUT' | 'REFUSED' | 'BAD_RESPONSE'>,
    readonly retryable: boolean,
    message: string,
    /** What the provider asked us to wait before trying again (429 Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderCallFailed';
  }
}
