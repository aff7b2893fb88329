import { DEFAULT_MDR_SRVS, DEFAULT_TRT_SETTINGS, OTHER_USER_HH_POLICIES, OtherUserHhPolicy, PUBLIC_DISTRIBUTOR_AREAS, TRT_POLICIES, TrtPolicyName } from '@halfhour/domain';
import { DatabaseServiceConfig } from '@halfhour/observability';
import { IsIn, IsInt, Matches, Min } from 'class-validator';

/**
 * The MHHS policy settings access-control decides by and the scheduler plans by, declared once:
 * both services read them from the same keys (one ConfigMap in deploy/, `halfhour-mhhs-policy`), so
 * a schedule is never run under a TRT, an MDR SRV set or a relationship policy other than the one it was
 * authorised under.
 */
export class MhhsPolicyConfig extends DatabaseServiceConfig {
  /** R-ACL-8: MDR_ONLY, EQUAL_EXISTING or MDR_SHORT_ON_DEMAND (see libs/domain trt-policy.ts). */
  @IsIn(TRT_POLICIES)
  TRT_POLICY: TrtPolicyName = DEFAULT_TRT_SETTINGS.policy;

  /** R-SCH-2: the MHHS TRT, from the start of the day a scheduled read becomes due. */
  @IsInt() @Min(1)
  MHHS_TRT_SECONDS = DEFAULT_TRT_SETTINGS.mhhsTrtSeconds;

  /** R-ACL-2: the SRVs the MDR role may send, comma-separated. */
  @Matches(/^\d+(\.\d+)*(,\d+(\.\d+)*)*$/, { message: 'must be a comma-separated list of SRVs, e.g. 4.8.1,4.6.1' })
  MDR_SRVS = DEFAULT_MDR_SRVS.join(',');

  /** The Electricity Distributors' areas, `MPID=ID[,ID…]` separated by `;` (Market Domain Data; add IDNOs here). */
  @Matches(/^\s*([A-Z0-9]{4}=\d{2}(,\d{2})*\s*(;\s*|$))*$/, { message: 'must be MPID=ID[,ID…] entries separated by ;, e.g. EELC=10;IDNO=24,28' })
  DISTRIBUTOR_AREAS = PUBLIC_DISTRIBUTOR_AREAS;

  /** Other Users and HH data: REFUSED, or WITH_CONSENT_REFERENCE (each request carries one, kept in the audit). */
  @IsIn(OTHER_USER_HH_POLICIES)
  OTHER_USER_HH_DATA: OtherUserHhPolicy = 'REFUSED';
}
