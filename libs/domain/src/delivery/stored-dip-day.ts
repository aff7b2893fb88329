import { CalendarDate } from '../calendar/calendar-date';
import { settlementDayStart } from '../calendar/settlement-day';
import { dipMessageFor, DipMessage, DipSettings, HalfHourReading, RetrievedDay } from './dip-message';

const HALF_HOUR_MS = 30 * 60_000;

/**
 * An MPAN-day of retrieved data as the DIP outbox stores it: the readings alone, as arrays of
 * numbers, about a quarter of the bytes of the message, which is built again from them when it is
 * sent (storedDipMessage), the same to the byte. Every half hour's start is implied when they run
 * on from the day's start (the usual case); otherwise each is kept as ms from it.
 */
export interface StoredDipDay {
  mpan: string;
  srv: string;
  settlementDate: CalendarDate;
  /** The message's timestamp: when the data was taken in. */
  stampedAt: Date;
  /** Each half hour's start in ms from the settlement day's start; null when they are 0, 30 min, 60 min… */
  periodStartsMs: number[] | null;
  /** Each half hour's kWh, null where none was read. */
  kwh: (number | null)[];
  /** Each half hour's quality, a letter each: A (actual) or M (missing). */
  quality: string;
  /** Register reads as [register, kWh, read at]: an array keeps its order where an object's keys would not (jsonb sorts them). */
  registers: [string, number, string][];
}

const QUALITY_LETTER: Record<HalfHourReading['quality'], string> = { ACTUAL: 'A', MISSING: 'M' };
const QUALITY_OF_LETTER: Record<string, HalfHourReading['quality']> = { A: 'ACTUAL', M: 'MISSING' };

export function storedDipDayOf(day: RetrievedDay, stampedAt: Date): StoredDipDay {
  const dayStart = settlementDayStart(day.settlementDate).getTime();
  const offsets = day.periods.map((p) => Date.parse(p.start) - dayStart);
  return {
    mpan: day.mpan,
    srv: day.srv,
    settlementDate: day.settlementDate,
    stampedAt,
    periodStartsMs: offsets.every((offset, i) => offset === i * HALF_HOUR_MS) ? null : offsets,
    kwh: day.periods.map((p) => p.kwh ?? null),
    quality: day.periods.map((p) => QUALITY_LETTER[p.quality]).join(''),
    registers: day.registers.map((r) => [r.register, r.kwh, r.readAt]),
  };
}

/** The DIP message of a stored MPAN-day, as dipMessageFor made it when the data was taken in. */
export function storedDipMessage(settings: DipSettings, stored: StoredDipDay, reference: string): DipMessage {
  const dayStart = settlementDayStart(stored.settlementDate).getTime();
  const periods = stored.kwh.map((kwh, i): HalfHourReading => {
    const start = new Date(dayStart + (stored.periodStartsMs ? stored.periodStartsMs[i] : i * HALF_HOUR_MS)).toISOString();
    const quality = QUALITY_OF_LETTER[stored.quality[i]];
    return kwh === null ? { start, quality } : { start, quality, kwh };
  });
  const registers = stored.registers.map(([register, kwh, readAt]) => ({ register, kwh, readAt }));
  const day = { itemKey: '', mpan: stored.mpan, srv: stored.srv, settlementDate: stored.settlementDate, periods, registers };
  return dipMessageFor(settings, day, reference, new Date(stored.stampedAt));
}
