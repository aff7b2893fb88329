import { DEFAULT_MDR_SRVS, DEFAULT_TRT_SETTINGS, TRT_POLICIES, TrtPolicyName } from '@halfhour/domain';
import { ConsumingServiceConfig } from '@halfhour/observability';
import { IsIn, IsInt, Matches, Min } from 'class-validator';

export class AccessControlConfig extends ConsumingServiceConfig {
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
  REQUEST_CONSUMER: 'batch' | 'nest-event-pattern' = 'batch';


  /** R-ACL-8: MDR_ONLY, EQUAL_EXISTING or MDR_SHORT_ON_DEMAND (see libs/domain trt-policy.ts). */
  @IsIn(TRT_POLICIES)
  TRT_POLICY: TrtPolicyName = DEFAULT_TRT_SETTINGS.policy;

  /** R-SCH-2: the MHHS TRT. */
  @IsInt() @Min(1)
  MHHS_TRT_SECONDS = DEFAULT_TRT_SETTINGS.mhhsTrtSeconds;

  @IsInt() @Min(1)
  EXISTING_ON_DEMAND_TRT_SECONDS = DEFAULT_TRT_SETTINGS.existingOnDemandTrtSeconds;

  /** R-ACL-2: the SRVs the MDR role may send, comma-separated. */
  @Matches(/^\d+(\.\d+)*(,\d+(\.\d+)*)*$/, { message: 'must be a comma-separated list of SRVs, e.g. 4.8.1,4.6.1' })
  MDR_SRVS = DEFAULT_MDR_SRVS.join(',');

  /** A request older than this when decided is refused (E14). */
  @IsInt() @Min(1)
  REQUEST_MAX_AGE_SECONDS = 3600;

  /** How far a request's createdAt may be ahead of this service's clock. */
  @IsInt() @Min(0)
  REQUEST_MAX_CLOCK_SKEW_SECONDS = 300;

  /** How often the registry-view age is measured (one consumer-lag query). */
  @IsInt() @Min(100)
  VIEW_AGE_INTERVAL_MS = 5000;

}
