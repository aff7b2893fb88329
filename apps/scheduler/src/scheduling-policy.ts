import { BackstopDelay, buildEligibilityMatrix, buildRelationshipPolicy, CapacitySettings, DEFAULT_TRT_SETTINGS, EligibilityMatrix, invalidShares, OutageSettings, ProviderCapacity, RelationshipPolicy, TrtSettings } from '@halfhour/domain';
import { SchedulerConfig } from './scheduler.config';

export const SCHEDULING_POLICY = Symbol('SCHEDULING_POLICY');

export interface SchedulingPolicy {
  capacity: CapacitySettings;
  matrix: EligibilityMatrix;
  relationships: RelationshipPolicy;
  /** The TRT policy in force and the MHHS TRT (shared with access-control: MhhsPolicyConfig). */
  trt: TrtSettings;
  mhhsTrtMs: number;
  noResponseAfterMs: number;
  /** Slots end this long before a read's deadline (see planningDeadlineMs). */
  deadlineMarginMs: number;
  backstopDelay: BackstopDelay;
  outage: OutageSettings;
}

export function schedulingPolicyFrom(config: SchedulerConfig): SchedulingPolicy {
  const [from, to] = config.EXCLUDED_WINDOW.split('-').map((hhmm) => {
    const [h, m] = hhmm.split(':').map(Number);
    return h * 60 + m;
  });
  const shares: Omit<ProviderCapacity, 'readsPerSlot'> = {
    reservedShare: config.RESERVED_SHARE, onDemandShare: config.ON_DEMAND_SHARE, nightOnDemandShare: config.NIGHT_ON_DEMAND_SHARE,
    bauShare: Math.min(config.BAU_SHARE, config.RESERVED_SHARE), nightBauShare: Math.min(config.NIGHT_BAU_SHARE, 1 - config.NIGHT_ON_DEMAND_SHARE),
  };
  const invalid = invalidShares({ readsPerSlot: 0, ...shares });
  if (invalid) throw new RangeError(`the configured capacity shares cannot be: ${invalid}`);
  const providers = Object.fromEntries(
    config.PROVIDER_CAPACITY.split(',').map((entry) => {
      const [provider, reads] = entry.split('=');
      return [provider, { readsPerSlot: Number(reads), ...shares }];
    }),
  );
  return {
    capacity: {
      slotMinutes: config.SLOT_MINUTES,
      excludedWindow: { fromMinute: from, toMinute: to },
      providers,
      otherProviders: { readsPerSlot: config.OTHER_PROVIDER_READS_PER_SLOT, ...shares },
    },
    matrix: buildEligibilityMatrix(config.MDR_SRVS.split(',')),
    relationships: buildRelationshipPolicy(config.DISTRIBUTOR_AREAS, config.OTHER_USER_HH_DATA),
    trt: { policy: config.TRT_POLICY, mhhsTrtSeconds: config.MHHS_TRT_SECONDS, existingOnDemandTrtSeconds: DEFAULT_TRT_SETTINGS.existingOnDemandTrtSeconds },
    mhhsTrtMs: config.MHHS_TRT_SECONDS * 1000,
    noResponseAfterMs: config.NO_RESPONSE_AFTER_SECONDS * 1000,
    deadlineMarginMs: config.DEADLINE_MARGIN_SECONDS * 1000,
    backstopDelay: { firstMs: config.BACKSTOP_FIRST_DELAY_SECONDS * 1000, maxMs: config.BACKSTOP_MAX_DELAY_SECONDS * 1000 },
    outage: { failuresToDeclare: config.OUTAGE_AFTER_FAILURES, capacityShare: config.OUTAGE_CAPACITY_SHARE },
  };
}
