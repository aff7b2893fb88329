import { DEFAULT_MDR_SRVS, DEFAULT_TRT_SETTINGS, TRT_POLICIES, TrtPolicyName } from '@halfhour/domain';
import { ConsumingServiceConfig } from '@halfhour/observability';
import { IsIn, IsInt, Matches, Min } from 'class-validator';

/**
 * The MHHS policy settings access-control decides by and the scheduler plans by, declared once:
 * both services read them from the same keys (one ConfigMap in deploy/, `halfhour-mhhs-policy`), so
 * a schedule is never run under a TRT or an MDR SRV set other than the one it was authorised under.
 */
export class MhhsPolicyConfig extends ConsumingServiceConfig {
  /** R-ACL-8: MDR_ONLY, EQUAL_EXISTING or MDR_SHORT_ON_DEMAND (see libs/domain trt-policy.ts). */
  @IsIn(TRT_POLICIES)
  TRT_POLICY: TrtPolicyName = DEFAULT_TRT_SETTINGS.policy;

  /** R-SCH-2: the MHHS TRT, from the start of the day a scheduled read becomes due. */
  @IsInt() @Min(1)
  MHHS_TRT_SECONDS = DEFAULT_TRT_SETTINGS.mhhsTrtSeconds;

  /** R-ACL-2: the SRVs the MDR role may send, comma-separated. */
  @Matches(/^\d+(\.\d+)*(,\d+(\.\d+)*)*$/, { message: 'must be a comma-separated list of SRVs, e.g. 4.8.1,4.6.1' })
  MDR_SRVS = DEFAULT_MDR_SRVS.join(',');
}
