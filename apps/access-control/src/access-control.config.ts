import { DEFAULT_READ_LOG_LIMITS, DEFAULT_TRT_SETTINGS } from '@halfhour/domain';
import { MhhsPolicyConfig } from '@halfhour/service-kit';
import { ProductionRequires } from '@halfhour/observability';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export class AccessControlConfig extends MhhsPolicyConfig {
  /** Days each access decision stays in the audit: the store kept longest. */
  @IsInt() @Min(1)
  AUDIT_RETENTION_DAYS = 400;

  override SERVICE_NAME = 'access-control';
  override HTTP_PORT = 8082;
  override DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/access_control';


  /**
   * How requests are consumed. `batch`: our batch runner (libs/kafka). `nest-event-pattern`: the
   * stock way — an @EventPattern handler on NestJS's ServerKafka, one message at a time, offsets
   * auto-committed, no retries or dead letters — kept only so `npm run bench` can measure the
   * batch runner against it on the same work. Never in production.
   */
  @IsIn(['batch', 'nest-event-pattern'])
  @ProductionRequires((consumer) => consumer === 'batch', '"batch" (the stock consumer is a benchmark baseline: it ignores TLS and SASL)')
  REQUEST_CONSUMER: 'batch' | 'nest-event-pattern' = 'batch';


  @IsInt() @Min(1)
  EXISTING_ON_DEMAND_TRT_SECONDS = DEFAULT_TRT_SETTINGS.existingOnDemandTrtSeconds;

  /** A request older than this when decided is refused (E14). */
  @IsInt() @Min(1)
  REQUEST_MAX_AGE_SECONDS = 3600;

  /** How far a request's createdAt may be ahead of this service's clock. */
  @IsInt() @Min(0)
  REQUEST_MAX_CLOCK_SKEW_SECONDS = 300;

  /** The longest read log period a request may ask for, in settlement days: thirteen months, what a meter keeps. */
  @IsInt() @Min(1) @Max(3660)
  READ_LOG_MAX_DAYS = DEFAULT_READ_LOG_LIMITS.maxDays;

  /** How often the registry-view age is measured (one consumer-lag query). */
  @IsInt() @Min(100)
  VIEW_AGE_INTERVAL_MS = 5000;

}
