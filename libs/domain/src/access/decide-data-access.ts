import { CalendarDate } from '../calendar/calendar-date';
import { covers, overlaps } from '../calendar/period-cover';
import { MarketRole } from '../market/market-role';
import { isHhPermitted } from '../registration/hh-consent';
import { MpanTimeline } from '../registration/mpan-timeline';
import { EligibilityMatrix, isEligible } from './eligibility-matrix';
import { RelationshipPolicy } from './relationship-policy';
import { RELATIONSHIP_CHECKS, RelationshipCheck } from './role-relationship';
import { findServiceRequestVariant } from './service-request-variant';

/** A request for an MPAN's data over whole days, [from, to). */
export interface DataAccessRequest {
  role: MarketRole;
  /** The organisation the user acts for. */
  userMpid: string;
  mpan: string;
  srv: string;
  from: CalendarDate;
  to: CalendarDate;
  /** The device the request targets, when it goes to a meter: it must be the MPAN's on every day. */
  deviceId?: string;
  /** An Other User's reference to the consumer's consent (RelationshipPolicy). */
  consentReference?: string;
}

/** The rules a data request is decided by: who may send which SRV, and which relationships entitle. */
export interface DataAccessRules {
  matrix: EligibilityMatrix;
  relationships: RelationshipPolicy;
}

/** Why a request is refused; checked in this order, the first that fails is the answer. */
export const ACCESS_REFUSALS = [
  'UNKNOWN_SRV',
  'ROLE_NOT_ELIGIBLE',
  'INVALID_PERIOD',
  'NOT_APPOINTED_MDR',
  'NOT_REGISTERED_SUPPLIER',
  'NOT_AREA_DISTRIBUTOR',
  'NO_RELATIONSHIP_FOR_ROLE',
  'CONSENT_REFERENCE_REQUIRED',
  'UNKNOWN_MPAN',
  'NO_DEVICE',
  'TARGET_NOT_MPAN_DEVICE',
  'WRONG_ENERGY_DIRECTION',
  'NOT_AVAILABLE_ON_SMETS2',
  'HH_CONSENT_REFUSED',
] as const;

export type AccessRefusal = (typeof ACCESS_REFUSALS)[number];

export type AccessDecision = { authorised: true } | { authorised: false; reason: AccessRefusal };

/**
 * Whether a user in a role may have an SRV's data of an MPAN for every day of a period
 * (R-ACL-2…6): an eligible role; the role's relationship with the MPAN on every day
 * (RELATIONSHIP_CHECKS: the appointed MDR, the registered supplier, the area's distributor, an
 * Other User only as policy allows; gas roles none), checked before the registry is asked whether
 * the MPAN exists; a meter on every day, and it is the targeted device; of the SRV's energy
 * direction; no 4.1.1 for the MDR on SMETS2 (REQ-1, R-ACL-4); HH profile data only where consent
 * permits it on every day (R-ACL-6). Schedule SRVs (5.x) are checked for eligibility here; the SRV
 * a schedule runs is decided as a data request of its own.
 * Works on periods, not day by day: a year's request costs what a day's does.
 */
export function decideDataAccess(
  rules: DataAccessRules,
  timeline: MpanTimeline | undefined,
  request: DataAccessRequest,
  relationshipChecks: Readonly<Record<MarketRole, RelationshipCheck>> = RELATIONSHIP_CHECKS,
): AccessDecision {
  const variant = findServiceRequestVariant(request.srv);
  if (!variant) return refuse('UNKNOWN_SRV');
  if (!isEligible(rules.matrix, request.role, request.srv)) return refuse('ROLE_NOT_ELIGIBLE');
  if (variant.dataKind === 'SCHEDULE') return { authorised: true };
  if (!(request.from < request.to)) return refuse('INVALID_PERIOD');

  const window = { from: request.from, to: request.to };
  const relationship = relationshipChecks[request.role](rules.relationships, timeline, { ...request, window });
  if (relationship) return refuse(relationship);
  if (!timeline) return refuse('UNKNOWN_MPAN');
  if (!covers(timeline.devices, window)) return refuse('NO_DEVICE');
  const devices = timeline.devices.filter((device) => overlaps(device, window));
  if (request.deviceId !== undefined && devices.some((device) => device.deviceId !== request.deviceId)) return refuse('TARGET_NOT_MPAN_DEVICE');
  if (variant.direction && devices.some((device) => device.direction !== variant.direction)) return refuse('WRONG_ENERGY_DIRECTION');
  if (request.srv === '4.1.1' && request.role === 'MDR' && devices.some((device) => device.generation === 2)) {
    return refuse('NOT_AVAILABLE_ON_SMETS2');
  }
  if (variant.dataKind === 'HH_PROFILE' && !covers(timeline.consent.filter((c) => isHhPermitted(c.status)), window)) {
    return refuse('HH_CONSENT_REFUSED');
  }
  return { authorised: true };
}

function refuse(reason: AccessRefusal): AccessDecision {
  return { authorised: false, reason };
}
