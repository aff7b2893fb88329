import { MarketRole } from '../market/market-role';
import { ServiceRequestVariant } from './service-request-variant';

/**
 * Which Target Response Times apply to whom (R-ACL-8). The consultation argued three options; each
 * is a setting. Scheduled MHHS reads get the same 24-hour TRT whichever role asks in all three.
 * - MDR_ONLY: consumption data (HH profiles) is retrieved only through the MDR role, which has the
 *   existing TRTs; suppliers' own HH profile requests are refused.
 * - EQUAL_EXISTING: the proposed solution, with the MDR and the suppliers on the same existing
 *   on-demand TRTs.
 * - MDR_SHORT_ON_DEMAND: the proposed solution (the MDR's on-demand requests on the MHHS TRT),
 *   except that the MDR may send 4.8.1 on demand with the short existing TRT.
 */
export const TRT_POLICIES = ['MDR_ONLY', 'EQUAL_EXISTING', 'MDR_SHORT_ON_DEMAND'] as const;
export type TrtPolicyName = (typeof TRT_POLICIES)[number];

export interface TrtSettings {
  policy: TrtPolicyName;
  /** R-SCH-2: the MHHS TRT (config, default 24 hours). */
  mhhsTrtSeconds: number;
  /** The existing on-demand TRT (config; consultees quote 16–30 seconds). */
  existingOnDemandTrtSeconds: number;
}

export const DEFAULT_TRT_SETTINGS: TrtSettings = { policy: 'EQUAL_EXISTING', mhhsTrtSeconds: 24 * 60 * 60, existingOnDemandTrtSeconds: 30 };

export type TrtBasis = 'MHHS' | 'EXISTING_ON_DEMAND';
export interface AppliedTrt {
  seconds: number;
  basis: TrtBasis;
  policy: TrtPolicyName;
}

const SUPPLIER_ROLES: readonly MarketRole[] = ['IS', 'ES'];

/** Whether the policy reserves this request to the MDR role (MDR_ONLY, suppliers' HH profiles). */
export function isReservedToMdr(settings: TrtSettings, role: MarketRole, variant: ServiceRequestVariant): boolean {
  return settings.policy === 'MDR_ONLY' && SUPPLIER_ROLES.includes(role) && variant.dataKind === 'HH_PROFILE';
}

/**
 * The TRT of an authorised request. `variant` is what runs on the meter: for a 5.1 Create Schedule,
 * the SRV it schedules.
 */
export function trtFor(settings: TrtSettings, role: MarketRole, variant: ServiceRequestVariant, mode: 'ON_DEMAND' | 'SCHEDULED'): AppliedTrt {
  const applied = (basis: TrtBasis): AppliedTrt => ({
    basis,
    seconds: basis === 'MHHS' ? settings.mhhsTrtSeconds : settings.existingOnDemandTrtSeconds,
    policy: settings.policy,
  });
  if (mode === 'SCHEDULED') return applied('MHHS');
  if (role === 'MDR' && settings.policy === 'MDR_SHORT_ON_DEMAND') return applied(variant.srv === '4.8.1' ? 'EXISTING_ON_DEMAND' : 'MHHS');
  return applied('EXISTING_ON_DEMAND');
}
