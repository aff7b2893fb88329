import { addDays, CalendarDate } from '../calendar/calendar-date';
import { settlementDayStart } from '../calendar/settlement-day';

/** SRVs that read a meter's registers as they stand (4.1.x, 4.2): their data exists at once. */
export function readsRegisters(srv: string): boolean {
  return srv.startsWith('4.1') || srv === '4.2';
}

/**
 * The earliest a read of `dataDay` may be made: registers now; a day's profile or log only once
 * the settlement day is over and its data complete.
 */
export function earliestReadMs(srv: string, dataDay: CalendarDate, nowMs: number): number {
  return readsRegisters(srv) ? nowMs : Math.max(nowMs, settlementDayStart(addDays(dataDay, 1)).getTime());
}
