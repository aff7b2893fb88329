import { CalendarDate, DatedPeriod } from './calendar-date';

export interface DayWindow {
  from: CalendarDate;
  /** Exclusive. */
  to: CalendarDate;
}

export function overlaps(period: DatedPeriod, window: DayWindow): boolean {
  return period.from < window.to && (period.to === undefined || period.to > window.from);
}

/** Whether the periods together cover every day of the window, without a gap. */
export function covers(periods: readonly DatedPeriod[], window: DayWindow): boolean {
  let coveredUntil = window.from;
  for (const period of [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    if (period.from > coveredUntil) return false;
    if (period.to === undefined) return true;
    if (period.to > coveredUntil) coveredUntil = period.to;
    if (coveredUntil >= window.to) return true;
  }
  return coveredUntil >= window.to;
}
