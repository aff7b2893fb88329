import { CalendarDate } from '../calendar/calendar-date';
import { periodNumbersOf } from '../calendar/settlement-day';
import { distributorIdOf, gspGroupOf } from '../identifiers/mpan-core';

/**
 * The message Halfhour sends Elexon's Data Integration Platform for one MPAN-day of retrieved data
 * (R-DIP-1). The HH interface itself is not public: its ID and schema version are settings, the
 * shape is versioned, and the common block follows the DIP's published common header.
 */
export interface DipSettings {
  interfaceId: string;
  schemaVersion: string;
  eventCode: string;
  senderDipId: string;
  senderRole: string;
  recipients: readonly string[];
}

export interface HalfHourReading {
  start: string;
  quality: 'ACTUAL' | 'MISSING';
  kwh?: number;
}

export interface RetrievedDay {
  /** The data item it comes from: `<mpan>|<srv>|<day>`. */
  itemKey: string;
  mpan: string;
  srv: string;
  settlementDate: CalendarDate;
  periods: readonly HalfHourReading[];
  registers: readonly { register: string; kwh: number; readAt: string }[];
}

export interface DipMessage {
  common: {
    interfaceId: string;
    schemaVersion: string;
    eventCode: string;
    senderDipId: string;
    senderRole: string;
    /** Stable per MPAN-day and content: the idempotency key of the delivery. */
    senderUniqueReference: string;
    timestamp: string;
    mpanCore: string;
    distributorId: string;
    gspGroup: string;
    recipients: string[];
  };
  custom: {
    srv: string;
    settlementDate: CalendarDate;
    periods: { utcPeriodStart: string; settlementPeriod: number; quality: 'ACTUAL' | 'MISSING'; kwh: number | null }[];
    registers: { register: string; kwh: number; readAt: string }[];
  };
}

/**
 * One DIP message for one MPAN-day: each half hour with its UTC start and the local settlement
 * period number (1–46, 48 or 50 on clock-change days), value and quality; register reads alike.
 * `reference` must name the content (the same data gives the same reference), so a delivery
 * repeated after a crash is a duplicate the DIP ignores, while more complete data is a new message.
 */
export function dipMessageFor(settings: DipSettings, day: RetrievedDay, reference: string, timestamp: Date): DipMessage {
  const periodOf = periodNumbersOf(day.settlementDate);
  return {
    common: {
      interfaceId: settings.interfaceId,
      schemaVersion: settings.schemaVersion,
      eventCode: settings.eventCode,
      senderDipId: settings.senderDipId,
      senderRole: settings.senderRole,
      senderUniqueReference: reference,
      timestamp: timestamp.toISOString(),
      mpanCore: day.mpan,
      distributorId: distributorIdOf(day.mpan),
      gspGroup: gspGroupOf(day.mpan) ?? 'UNKNOWN',
      recipients: [...settings.recipients],
    },
    custom: {
      srv: day.srv,
      settlementDate: day.settlementDate,
      periods: day.periods.map((p) => {
        const at = Date.parse(p.start);
        return { utcPeriodStart: new Date(at).toISOString(), settlementPeriod: periodOf(at), quality: p.quality, kwh: p.kwh ?? null };
      }),
      registers: day.registers.map((r) => ({ register: r.register, kwh: r.kwh, readAt: r.readAt })),
    },
  };
}
