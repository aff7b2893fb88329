import { addDays, CalendarDate } from '../calendar/calendar-date';
import { MarketRole } from '../market/market-role';
import { MpanTimeline } from '../registration/mpan-timeline';
import { DataAccessRules, decideDataAccess } from '../access/decide-data-access';
import { findServiceRequestVariant } from '../access/service-request-variant';
import { isReservedToMdr, TrtSettings } from '../access/trt-policy';

export interface EntitledRequester {
  role: MarketRole;
  mpid: string;
  /** An Other User's consent reference, carried from its authorised request. */
  consentReference?: string;
}

/** One day of an SRV's data from an MPAN, with the registry's timeline of the MPAN as it is now. */
export interface DayRead {
  mpan: string;
  timeline: MpanTimeline | undefined;
  srv: string;
  day: CalendarDate;
}

/**
 * Whether a requester may still have one day of an SRV's data from an MPAN, on the registry as it
 * is now (R-ACL-3): checked again when a schedule runs, because appointments end after schedules
 * are made. The same rules as access-control, on one day.
 */
export function isEntitledOnDay(rules: DataAccessRules, read: DayRead, requester: EntitledRequester): boolean {
  return decideDataAccess(rules, read.timeline, {
    role: requester.role,
    userMpid: requester.mpid,
    mpan: read.mpan,
    srv: read.srv,
    from: read.day,
    to: addDays(read.day, 1),
    ...(requester.consentReference === undefined ? {} : { consentReference: requester.consentReference }),
  }).authorised;
}

/** Why a requester may no longer have what its schedule or request reads. */
export type EntitlementLoss = 'ENTITLEMENT_ENDED' | 'RESERVED_TO_MDR';

/**
 * Whether a requester may still have a day of an SRV's data when its read runs: under the TRT
 * policy in force (R-ACL-8: MDR_ONLY reserves HH profiles to the MDR, so a supplier's HH schedule
 * made under another policy stops) and on the registry as it is now (R-ACL-3). Undefined: it may.
 */
export function entitlementLost(rules: DataAccessRules, trt: TrtSettings, read: DayRead, requester: EntitledRequester): EntitlementLoss | undefined {
  const variant = findServiceRequestVariant(read.srv);
  if (variant && isReservedToMdr(trt, requester.role, variant)) return 'RESERVED_TO_MDR';
  return isEntitledOnDay(rules, read, requester) ? undefined : 'ENTITLEMENT_ENDED';
}
