import { CalendarDate, DatedPeriod } from '../calendar/calendar-date';
import { MarketRole } from '../market/market-role';
import { isHhPermitted } from '../registration/hh-consent';
import { MpanTimeline } from '../registration/mpan-timeline';
import { EligibilityMatrix, isEligible } from './eligibility-matrix';
import { findServiceRequestVariant } from './service-request-variant';

/** A request for an MPAN's data over whole days, [from, to). */
export interface DataAccessRequest {
  role: MarketRole;
  /** The organisation the user acts for. */
  userMpid: string;
  srv: string;
  from: CalendarDate;
  to: CalendarDate;
  /** The device the request targets, when it goes to a meter: it must be the MPAN's on every day. */
  deviceId?: string;
}

/** Why a request is refused; checked in this order, the first that fails is the answer. */
export const ACCESS_REFUSALS = [
  'UNKNOWN_SRV',
  'ROLE_NOT_ELIGIBLE',
  'INVALID_PERIOD',
  'UNKNOWN_MPAN',
  'NOT_APPOINTED_MDR',
  'NOT_REGISTERED_SUPPLIER',
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
 * (R-ACL-2…6): eligible role; the MDR appointed, or the supplier registered, on every day
 * (R-ACL-3); a meter on every day, and it is the targeted device; of the SRV's energy direction; no 4.1.1 for the MDR on SMETS2
 * (REQ-1, R-ACL-4); HH profile data only where consent permits it on every day (R-ACL-6).
 * Other roles (ED, GT, OU, GS) are checked for eligibility only. Schedule SRVs (5.x) are checked
 * for eligibility here; the SRV a schedule runs is decided as a data request of its own.
 * Works on periods, not day by day: a year's request costs what a day's does.
 */
export function decideDataAccess(matrix: EligibilityMatrix, timeline: MpanTimeline | undefined, request: DataAccessRequest): AccessDecision {
  const variant = findServiceRequestVariant(request.srv);
  if (!variant) return refuse('UNKNOWN_SRV');
  if (!isEligible(matrix, request.role, request.srv)) return refuse('ROLE_NOT_ELIGIBLE');
  if (variant.dataKind === 'SCHEDULE') return { authorised: true };
  if (!(request.from < request.to)) return refuse('INVALID_PERIOD');
  if (!timeline) return refuse('UNKNOWN_MPAN');

  const window = { from: request.from, to: request.to };
  if (request.role === 'MDR' && !covers(timeline.mdrAppointments.filter((a) => a.mdrMpid === request.userMpid), window)) {
    return refuse('NOT_APPOINTED_MDR');
  }
  if ((request.role === 'IS' || request.role === 'ES') && !covers(timeline.suppliers.filter((s) => s.supplierMpid === request.userMpid), window)) {
    return refuse('NOT_REGISTERED_SUPPLIER');
  }
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

function overlaps(period: DatedPeriod, window: { from: CalendarDate; to: CalendarDate }): boolean {
  return period.from < window.to && (period.to === undefined || period.to > window.from);
}

/** Whether the periods together cover every day of the window, without a gap. */
function covers(periods: readonly DatedPeriod[], window: { from: CalendarDate; to: CalendarDate }): boolean {
  let coveredUntil = window.from;
  for (const period of [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    if (period.from > coveredUntil) return false;
    if (period.to === undefined) return true;
    if (period.to > coveredUntil) coveredUntil = period.to;
    if (coveredUntil >= window.to) return true;
  }
  return coveredUntil >= window.to;
}
