/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. They sort and compare correctly as text, so the
 * registry's periods need no date library. A period runs from `from` (inclusive) to `to`
 * (exclusive); no `to` means open-ended.
 */
export type CalendarDate = string;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_SHAPE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/**
 * A real day of the Gregorian calendar written YYYY-MM-DD. Stricter than `Date.parse`, which takes
 * 2026-02-31 for 3 March: every date that enters the system from outside passes this one check.
 */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_SHAPE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A UTC instant written YYYY-MM-DDThh:mm:ss[.sss]Z whose date and time both exist (no 24:00, no 30 February). */
export function isUtcInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT_SHAPE.exec(value);
  return match !== null && isCalendarDate(match[1]) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

export interface DatedPeriod {
  from: CalendarDate;
  to?: CalendarDate;
}

/** A period object with no `to` key at all when open-ended, so stored and rebuilt periods compare equal. */
export function datedPeriod<T extends object>(fields: T, from: CalendarDate, to: CalendarDate | undefined): T & DatedPeriod {
  return to === undefined ? { ...fields, from } : { ...fields, from, to };
}

export function isWithin(period: DatedPeriod, day: CalendarDate): boolean {
  return period.from <= day && (period.to === undefined || day < period.to);
}

export function earlierOf(a: CalendarDate | undefined, b: CalendarDate | undefined): CalendarDate | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

export function addDays(day: CalendarDate, days: number): CalendarDate {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
