import { CalendarDate } from '../calendar/calendar-date';
import { settlementDayStart } from '../calendar/settlement-day';
import { dipMessageFor, DipMessage, DipSettings, HalfHourReading, RetrievedDay } from './dip-message';

const HALF_HOUR_MS = 30 * 60_000;

/**
 * An MPAN-day of retrieved data as the DIP outbox stores it: the readings alone, as arrays of
 * numbers, a fifth of the bytes of the message, which is built again from them when it is sent
 * (storedDipMessage), the same to the byte. Every half hour's start is implied when they run on
 * from the day's start (the usual case); otherwise each is kept as ms from it. Meters count in Wh,
 * so a day's kWh are kept as whole Wh (4 bytes each) when each is exactly a thousandth, and as
 * doubles (8 bytes) when one is not: n / 1000 is the double nearest n thousandths, as parsing the
 * meter's decimal was.
 */
export interface StoredDipDay {
  mpan: string;
  srv: string;
  settlementDate: CalendarDate;
  /** The message's timestamp: when the data was taken in. */
  stampedAt: Date;
  /** Each half hour's start in ms from the settlement day's start; null when they are 0, 30 min, 60 min… */
  periodStartsMs: number[] | null;
  /** Each half hour's kWh in Wh, null where none was read; or null, when a kWh is not a whole Wh (then `kwh`). */
  wh: (number | null)[] | null;
  /** Each half hour's kWh, when one is not a whole Wh; otherwise null. */
  kwh: (number | null)[] | null;
  /** Each half hour's quality, a letter each: A (actual) or M (missing); null when every one is actual (the usual case). */
  quality: string | null;
  /** Register reads as [register, kWh, read at]: an array keeps its order where an object's keys would not (jsonb sorts them). */
  registers: [string, number, string][];
}

const QUALITY_LETTER: Record<HalfHourReading['quality'], string> = { ACTUAL: 'A', MISSING: 'M' };
const QUALITY_OF_LETTER: Record<string, HalfHourReading['quality']> = { A: 'ACTUAL', M: 'MISSING' };

/** The whole Wh of a kWh reading when it is exactly that many thousandths (and fits 4 bytes); otherwise undefined. */
function wholeWh(kwh: number): number | undefined {
  const wh = Math.round(kwh * 1000);
  return Math.abs(wh) <= 2_147_483_647 && wh / 1000 === kwh ? wh : undefined;
}

export function storedDipDayOf(day: RetrievedDay, stampedAt: Date): StoredDipDay {
  const dayStart = settlementDayStart(day.settlementDate).getTime();
  const offsets = day.periods.map((p) => Date.parse(p.start) - dayStart);
  const wh = day.periods.map((p) => (p.kwh == null ? null : wholeWh(p.kwh)));
  const inWh = wh.every((value) => value !== undefined);
  return {
    mpan: day.mpan,
    srv: day.srv,
    settlementDate: day.settlementDate,
    stampedAt,
    periodStartsMs: offsets.every((offset, i) => offset === i * HALF_HOUR_MS) ? null : offsets,
    wh: inWh ? (wh as (number | null)[]) : null,
    kwh: inWh ? null : day.periods.map((p) => p.kwh ?? null),
    quality: day.periods.every((p) => p.quality === 'ACTUAL') ? null : day.periods.map((p) => QUALITY_LETTER[p.quality]).join(''),
    registers: day.registers.map((r) => [r.register, r.kwh, r.readAt]),
  };
}

/** The DIP message of a stored MPAN-day, as dipMessageFor made it when the data was taken in. */
export function storedDipMessage(settings: DipSettings, stored: StoredDipDay, reference: string): DipMessage {
  const dayStart = settlementDayStart(stored.settlementDate).getTime();
  const kwhOf = (i: number): number | null => (stored.wh ? (stored.wh[i] === null ? null : stored.wh[i]! / 1000) : stored.kwh![i]);
  const periods = Array.from({ length: (stored.wh ?? stored.kwh)!.length }, (_, i): HalfHourReading => {
    const kwh = kwhOf(i);
    const start = new Date(dayStart + (stored.periodStartsMs ? stored.periodStartsMs[i] : i * HALF_HOUR_MS)).toISOString();
    const quality = stored.quality === null ? 'ACTUAL' : QUALITY_OF_LETTER[stored.quality[i]];
    return kwh === null ? { start, quality } : { start, quality, kwh };
  });
  const registers = stored.registers.map(([register, kwh, readAt]) => ({ register, kwh, readAt }));
  const day = { itemKey: '', mpan: stored.mpan, srv: stored.srv, settlementDate: stored.settlementDate, periods, registers };
  return dipMessageFor(settings, day, reference, new Date(stored.stampedAt));
}
