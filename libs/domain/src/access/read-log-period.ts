import { addDays, CalendarDate } from '../calendar/calendar-date';
import { settlementDaysTouched } from '../calendar/settlement-day';

/** How long a read log period may be, in settlement days touched. */
export interface ReadLogLimits {
  maxDays: number;
}

/** Thirteen months (13 × 365.25 / 12 days, rounded up): what a smart meter keeps of its half-hour log. */
export const DEFAULT_READ_LOG_LIMITS: ReadLogLimits = { maxDays: 396 };

export const READ_LOG_PERIOD_REFUSALS = ['INVALID_PERIOD', 'PERIOD_IN_FUTURE', 'PERIOD_TOO_LONG'] as const;
export type ReadLogPeriodRefusal = (typeof READ_LOG_PERIOD_REFUSALS)[number];

export type ReadLogPeriodCheck =
  | { days: { from: CalendarDate; to: CalendarDate } }
  | { reason: ReadLogPeriodRefusal; message: string };

/**
 * The settlement days a read log period [start, end) asks for, if a request may ask for them: not
 * empty, over by `now` (no meter holds the future's data, and a period ending in 9999 would become
 * millions of daily items), and no longer than `limits.maxDays`.
 */
export function checkReadLogPeriod(period: { start: Date; end: Date }, now: Date, limits: ReadLogLimits): ReadLogPeriodCheck {
  if (!(period.start < period.end)) return { reason: 'INVALID_PERIOD', message: 'the read log period must end after it starts' };
  if (period.end > now) {
    return { reason: 'PERIOD_IN_FUTURE', message: `the read log period ends at ${period.end.toISOString()}, after the time of decision (${now.toISOString()}): only data already recorded can be read` };
  }
  const days = settlementDaysTouched(period.start, period.end);
  if (addDays(days.from, limits.maxDays) < days.to) {
    return { reason: 'PERIOD_TOO_LONG', message: `the read log period covers the settlement days ${days.from} to ${days.to} (exclusive), more than the ${limits.maxDays} days a request may ask for` };
  }
  return { days };
}
