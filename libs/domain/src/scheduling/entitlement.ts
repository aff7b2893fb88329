import { addDays, CalendarDate } from '../calendar/calendar-date';
import { MarketRole } from '../market/market-role';
import { MpanTimeline } from '../registration/mpan-timeline';
import { decideDataAccess } from '../access/decide-data-access';
import { EligibilityMatrix } from '../access/eligibility-matrix';
import { findServiceRequestVariant } from '../access/service-request-variant';
import { isReservedToMdr, TrtSettings } from '../access/trt-policy';

export interface EntitledRequester {
  role: MarketRole;
  mpid: string;
}

/**
 * Whether a requester may still have one day of an SRV's data from an MPAN, on the registry as it
 * is now (R-ACL-3): checked again when a schedule runs, because appointments end after schedules
 * are made. The same rules as access-control, on one day.
 */
export function isEntitledOnDay(matrix: EligibilityMatrix, timeline: MpanTimeline | undefined, requester: EntitledRequester, srv: string, day: CalendarDate): boolean {
  return decideDataAccess(matrix, timeline, { role: requester.role, userMpid: requester.mpid, srv, from: day, to: addDays(day, 1) }).authorised;
}

/** Why a requester may no longer have what its schedule or request reads. */
export type EntitlementLoss = 'ENTITLEMENT_ENDED' | 'RESERVED_TO_MDR';

/**
 * Whether a requester may still have a day of an SRV's data when its read runs: under the TRT
 * policy in force (R-ACL-8: MDR_ONLY reserves HH profiles to the MDR, so a supplier's HH schedule
 * made under another policy stops) and on the registry as it is now (R-ACL-3). Undefined: it may.
 */
export function entitlementLost(
  matrix: EligibilityMatrix, trt: TrtSettings, timeline: MpanTimeline | undefined, requester: EntitledRequester, srv: string, day: CalendarDate,
): EntitlementLoss | undefined {
  const variant = findServiceRequestVariant(srv);
  if (variant && isReservedToMdr(trt, requester.role, variant)) return 'RESERVED_TO_MDR';
  return isEntitledOnDay(matrix, timeline, requester, srv, day) ? undefined : 'ENTITLEMENT_ENDED';
}
