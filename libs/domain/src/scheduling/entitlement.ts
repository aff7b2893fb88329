import { addDays, CalendarDate } from '../calendar/calendar-date';
import { MarketRole } from '../market/market-role';
import { MpanTimeline } from '../registration/mpan-timeline';
import { decideDataAccess } from '../access/decide-data-access';
import { EligibilityMatrix } from '../access/eligibility-matrix';

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
