import {
  BrokenCircuitError,
  bulkhead,
  BulkheadRejectedError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleWhen,
  IRetryBackoffContext,
  IPolicy,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
} from 'cockatiel';
import { backoffDelayMs, ReadFailure } from '@halfhour/domain';
import { ProviderCallFailed } from './provider-errors';

export interface ResilienceSettings {
  callTimeoutMs: number;
  maxAttempts: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  breakerConsecutiveFailures: number;
  breakerHalfOpenAfterMs: number;
  concurrencyPerProvider: number;
}

/** Only failures that may pass are retried; a refusal is the meter's problem, not the provider's. */
const transient = handleWhen((error) => error instanceof ProviderCallFailed && error.retryable);
/** The breaker counts the provider failing, not the provider pacing us (429): that is waited out. */
const providerFailing = handleWhen((error) => error instanceof ProviderCallFailed && error.retryable && error.reason !== 'THROTTLED');

/** The project's backoff (`backoffDelayMs`), or the provider's Retry-After when it gave one. */
function backoff(initialMs: number, maxMs: number) {
  return new DelegateBackoff((context: IRetryBackoffContext<unknown>) => {
    const error = 'error' in context.result ? context.result.error : undefined;
    if (error instanceof ProviderCallFailed && error.retryAfterMs !== undefined) return error.retryAfterMs;
    return backoffDelayMs(context.attempt, { initialDelayMs: initialMs, maxDelayMs: maxMs });
  });
}

/**
 * Per provider (R-DEV-3): at most `concurrencyPerProvider` calls at once (the rest wait); each
 * attempt times out; retryable failures are retried with the project's backoff, exponential with jitter (or
 * after the provider's Retry-After); after `breakerConsecutiveFailures` provider failures in a row
 * (errors and timeouts, not throttling) the breaker opens and calls fail at once until
 * a probe after `breakerHalfOpenAfterMs` succeeds. Built on cockatiel, not by hand.
 */
export class ProviderPolicies {
  private readonly policies = new Map<string, IPolicy>();

  constructor(
    private readonly settings: ResilienceSettings,
    private readonly onBreakerState: (provider: string, state: 'closed' | 'half_open' | 'open') => void,
  ) {}

  forProvider(provider: string): IPolicy {
    let policy = this.policies.get(provider);
    if (!policy) {
      const s = this.settings;
      const breaker = circuitBreaker(providerFailing, { halfOpenAfter: s.breakerHalfOpenAfterMs, breaker: new ConsecutiveBreaker(s.breakerConsecutiveFailures) });
      breaker.onStateChange((state) => this.onBreakerState(provider, state === CircuitState.Open || state === CircuitState.Isolated ? 'open' : state === CircuitState.HalfOpen ? 'half_open' : 'closed'));
      policy = wrap(
        bulkhead(s.concurrencyPerProvider, Number.MAX_SAFE_INTEGER),
        retry(transient, { maxAttempts: s.maxAttempts - 1, backoff: backoff(s.backoffInitialMs, s.backoffMaxMs) }),
        breaker,
        // A read that returned has nothing left to cancel; aborting it anyway cost a DOMException per call.
        timeout(s.callTimeoutMs, { strategy: TimeoutStrategy.Cooperative, abortOnReturn: false }),
      );
      this.policies.set(provider, policy);
    }
    return policy;
  }
}

/** Why a call through the policies failed, as the read result's failure. */
export function readFailureOf(error: unknown): ReadFailure {
  if (error instanceof ProviderCallFailed) return { code: error.reason, detail: error.message };
  if (error instanceof BrokenCircuitError) return { code: 'PROVIDER_UNAVAILABLE', detail: 'circuit open after repeated failures' };
  if (error instanceof BulkheadRejectedError) return { code: 'PROVIDER_BUSY', detail: 'too many calls waiting' };
  if (error instanceof TaskCancelledError) return { code: 'TIMEOUT', detail: 'the provider did not answer in time' };
  return { code: 'ADAPTER_ERROR', detail: error instanceof Error ? error.message : String(error) };
}
