import { CalendarDate } from '../calendar/calendar-date';
import { localMinuteOfDay, settlementDayStart } from '../calendar/settlement-day';
import { addDays } from '../calendar/calendar-date';

/** The time slots of one local day, and which of them MHHS may use. */
export interface DaySlots {
  day: CalendarDate;
  slotMs: number;
  /** UTC start of each slot, in ms. */
  starts: Float64Array;
  /** 1 where MHHS reads may run: outside the excluded window. */
  mhhsAllowed: Uint8Array;
  /** Each slot's start as a local minute of the day (0–1439): what a time-of-day capacity profile is keyed by. */
  minuteOfDay: Uint16Array;
}

export function daySlots(day: CalendarDate, slotMinutes: number, excluded: { fromMinute: number; toMinute: number }): DaySlots {
  const slotMs = slotMinutes * 60_000;
  const start = settlementDayStart(day).getTime();
  const count = Math.floor((settlementDayStart(addDays(day, 1)).getTime() - start) / slotMs);
  const starts = new Float64Array(count);
  const mhhsAllowed = new Uint8Array(count);
  const minuteOfDay = new Uint16Array(count);
  for (let i = 0; i < count; i++) {
    starts[i] = start + i * slotMs;
    const minute = localMinuteOfDay(new Date(starts[i]));
    minuteOfDay[i] = minute;
    mhhsAllowed[i] = minute >= excluded.fromMinute && minute < excluded.toMinute ? 0 : 1;
  }
  return { day, slotMs, starts, mhhsAllowed, minuteOfDay };
}

/** The first slot starting at or after `instantMs` (slots.length if none). */
export function firstSlotFrom(slots: DaySlots, instantMs: number): number {
  let lo = 0;
  let hi = slots.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots.starts[mid] < instantMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The last slot that ends at or before `instantMs` (-1 if none). */
export function lastSlotEndingBy(slots: DaySlots, instantMs: number): number {
  return firstSlotFrom(slots, instantMs - slots.slotMs + 1) - 1;
}

/** The slot under way at `instantMs`: 0 before the day, slots.length once the day's last slot has ended. */
export function slotUnderway(slots: DaySlots, instantMs: number): number {
  const n = slots.starts.length;
  if (n === 0 || instantMs >= slots.starts[n - 1] + slots.slotMs) return n;
  return Math.max(0, firstSlotFrom(slots, instantMs + 1) - 1);
}

/** The last slot that starts at or before `instantMs` (-1 if none). */
export function lastSlotStartingBy(slots: DaySlots, instantMs: number): number {
  return firstSlotFrom(slots, instantMs + 1) - 1;
}
