import { DatabaseServiceConfig, isRealEndpoint, ProductionRequires, REAL_ENDPOINT } from '@halfhour/observability';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { ResilienceSettings } from './provider-policies';

/** Settings both device adapters have. */
export class AdapterConfig extends DatabaseServiceConfig {

  /**
   * Base URL of each provider's read API: `CSP-NORTH=https://…,S1SP-A=https://…`; `*=` for any
   * other. The default is the provider SIMULATOR, which production refuses.
   */
  @Matches(/^([A-Z0-9*-]+=https?:\/\/[^,\s]+)(,[A-Z0-9*-]+=https?:\/\/[^,\s]+)*$/, { message: 'must be PROVIDER=URL,… e.g. *=http://127.0.0.1:8090' })
  @ProductionRequires((urls) => typeof urls === 'string' && urls.split(',').every((entry) => isRealEndpoint(entry.slice(entry.indexOf('=') + 1))), `${REAL_ENDPOINT} for every provider`)
  PROVIDER_URLS = '*=http://127.0.0.1:8090';


  @IsInt() @Min(10)
  CALL_TIMEOUT_MS = 10_000;

  /** Attempts per read, the first included. */
  @IsInt() @Min(1) @Max(10)
  MAX_ATTEMPTS = 3;

  @IsInt() @Min(1)
  BACKOFF_INITIAL_MS = 200;

  @IsInt() @Min(1)
  BACKOFF_MAX_MS = 5_000;

  /** Failed calls in a row after which a provider's breaker opens. */
  @IsInt() @Min(1)
  BREAKER_CONSECUTIVE_FAILURES = 10;

  /** How long an open breaker waits before letting one probe through. */
  @IsInt() @Min(10)
  BREAKER_HALF_OPEN_AFTER_MS = 30_000;

  /** Calls in flight per provider; the rest wait their turn. */
  @IsInt() @Min(1) @Max(10_000)
  CONCURRENCY_PER_PROVIDER = 50;


  /** How long the command record remembers a command (clock hours): longer than any redelivery can come. */
  @IsInt() @Min(1)
  COMMAND_RECORD_RETENTION_HOURS = 72;

  /** How often expired command records are deleted (real ms). */
  @IsInt() @Min(1000)
  COMMAND_RECORD_SWEEP_INTERVAL_MS = 3_600_000;

  get resilience(): ResilienceSettings {
    return {
      callTimeoutMs: this.CALL_TIMEOUT_MS,
      maxAttempts: this.MAX_ATTEMPTS,
      backoffInitialMs: this.BACKOFF_INITIAL_MS,
      backoffMaxMs: this.BACKOFF_MAX_MS,
      breakerConsecutiveFailures: this.BREAKER_CONSECUTIVE_FAILURES,
      breakerHalfOpenAfterMs: this.BREAKER_HALF_OPEN_AFTER_MS,
      concurrencyPerProvider: this.CONCURRENCY_PER_PROVIDER,
    };
  }

  urlOf(provider: string): string {
    const entries = new Map(this.PROVIDER_URLS.split(',').map((entry) => entry.split('=') as [string, string]));
    const url = entries.get(provider) ?? entries.get('*');
    if (!url) throw new Error(`no URL is configured for provider ${provider}`);
    return url.replace(/\/$/, '');
  }
}
