/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. They sort and compare correctly as text, so the
 * registry's periods need no date library. A period runs from `from` (inclusive) to `to`
 * (exclusive); no `to` means open-ended.
 */
export type CalendarDate = string;

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
