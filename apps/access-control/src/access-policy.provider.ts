import { AccessPolicy, buildEligibilityMatrix, buildRelationshipPolicy } from '@halfhour/domain';
import { AccessControlConfig } from './access-control.config';

/** The decision rules as configured: eligibility matrix, TRT policy, request freshness and read log periods. */
export function accessPolicyFrom(config: AccessControlConfig): AccessPolicy {
  return {
    matrix: buildEligibilityMatrix(config.MDR_SRVS.split(',')),
    relationships: buildRelationshipPolicy(config.DISTRIBUTOR_AREAS, config.OTHER_USER_HH_DATA),
    trt: {
      policy: config.TRT_POLICY,
      mhhsTrtSeconds: config.MHHS_TRT_SECONDS,
      existingOnDemandTrtSeconds: config.EXISTING_ON_DEMAND_TRT_SECONDS,
    },
    freshness: {
      maxAgeMs: config.REQUEST_MAX_AGE_SECONDS * 1000,
      maxClockSkewMs: config.REQUEST_MAX_CLOCK_SKEW_SECONDS * 1000,
    },
    readLog: { maxDays: config.READ_LOG_MAX_DAYS },
  };
}
