import { addDays, CalendarDate } from './calendar-date';

/**
 * Settlement days and periods (R-TIM-1). Instants are UTC; a settlement day is a local date in
 * Great Britain (Europe/London), so it has 46 half-hour periods on the spring clock change, 50 in
 * autumn and 48 otherwise. GB clocks change at 01:00 UTC, so local midnight is never ambiguous.
 */
const HALF_HOUR_MS = 30 * 60 * 1000;

const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const HOUR_MS = 60 * 60 * 1000;

/** The London wall clock at the start of a UTC hour. */
interface LondonHour {
  date: CalendarDate;
  /** Minutes since local midnight at the start of the UTC hour. */
  minutes: number;
}

/**
 * By UTC hour: GB clocks change on the hour and London's offset is a whole number of hours, so a
 * UTC hour never spans a local midnight or a clock change; and Intl is slow.
 */
const londonHours = new Map<number, LondonHour>();

function londonHourOf(hour: number): LondonHour {
  let known = londonHours.get(hour);
  if (known === undefined) {
    const probe = new Date(hour * HOUR_MS);
    const parts = Object.fromEntries(LONDON_PARTS.formatToParts(probe).map((p) => [p.type, p.value]));
    known = { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
    if (londonHours.size >= 100_000) londonHours.clear();
    londonHours.set(hour, known);
  }
  return known;
}

function londonWallClock(instant: Date): { date: CalendarDate; minutes: number } {
  const ms = instant.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  const start = londonHourOf(hour);
  return { date: start.date, minutes: start.minutes + Math.floor((ms - hour * HOUR_MS) / 60_000) };
}

/** Minutes since local midnight on a GB wall clock (00:00–23:59), whatever the day's length. */
export function localMinuteOfDay(instant: Date): number {
  return londonWallClock(instant).minutes;
}

export function settlementDayOf(instant: Date): CalendarDate {
  return londonWallClock(instant).date;
}

/** The UTC instant at which a settlement day begins (local midnight). */
export function settlementDayStart(day: CalendarDate): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const wall = londonWallClock(new Date(utcMidnight));
  const offsetMinutes = wall.date === day ? wall.minutes : wall.minutes - 24 * 60;
  return new Date(utcMidnight - offsetMinutes * 60_000);
}

export function settlementPeriodCount(day: CalendarDate): number {
  return (settlementDayStart(addDays(day, 1)).getTime() - settlementDayStart(day).getTime()) / HALF_HOUR_MS;
}

export interface SettlementPeriod {
  day: CalendarDate;
  /** 1 for the half hour from local midnight, up to 46, 48 or 50. */
  period: number;
}

export function settlementPeriodOf(instant: Date): SettlementPeriod {
  const day = settlementDayOf(instant);
  return { day, period: Math.floor((instant.getTime() - settlementDayStart(day).getTime()) / HALF_HOUR_MS) + 1 };
}

/**
 * The settlement period number of instants within one settlement day, the day's bounds worked out
 * once (a day's 46–50 half hours in one go, as settlementPeriodOf would give them); an instant
 * outside the day is a RangeError.
 */
export function periodNumbersOf(day: CalendarDate): (instantMs: number) => number {
  const start = settlementDayStart(day).getTime();
  const end = settlementDayStart(addDays(day, 1)).getTime();
  return (instantMs) => {
    if (!(instantMs >= start && instantMs < end)) throw new RangeError(`${Number.isNaN(instantMs) ? 'an invalid time' : new Date(instantMs).toISOString()} is not in settlement day ${day}`);
    return Math.floor((instantMs - start) / HALF_HOUR_MS) + 1;
  };
}

/** The UTC start of each half-hour period of a settlement day, in order. */
export function settlementPeriodStarts(day: CalendarDate): Date[] {
  const start = settlementDayStart(day).getTime();
  return Array.from({ length: settlementPeriodCount(day) }, (_, i) => new Date(start + i * HALF_HOUR_MS));
}

/**
 * The settlement days whose data a UTC interval [start, end) touches, as [from, to). An interval
 * ending exactly at a local midnight does not touch the next day.
 */
export function settlementDaysTouched(start: Date, end: Date): { from: CalendarDate; to: CalendarDate } {
  return { from: settlementDayOf(start), to: addDays(settlementDayOf(new Date(end.getTime() - 1)), 1) };
}
