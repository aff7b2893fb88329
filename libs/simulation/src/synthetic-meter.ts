import { localMinuteOfDay } from '@halfhour/domain';

/**
 * The synthetic meters the provider simulators play: every value is a pure function of the MPAN
 * and the UTC half hour, so a test can predict exactly what a read must return. The shapes look
 * like real homes: a night base load, a morning and a larger evening peak, more in winter; export
 * follows the sun.
 */
export type MeterDirection = 'IMPORT' | 'EXPORT';

/** A 32-bit FNV-1a hash, for seeding without state. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A number in [0, 1) fixed by the text. */
function unit(text: string): number {
  return hash(text) / 2 ** 32;
}

/** kWh in the half hour starting at `periodStart` (UTC), to three decimals. */
export function syntheticHalfHourKwh(mpan: string, direction: MeterDirection, periodStart: Date): number {
  const hour = localMinuteOfDay(periodStart) / 60;
  const month = periodStart.getUTCMonth();
  const winter = 1 + 0.35 * Math.cos(((month + 0.5) / 12) * 2 * Math.PI);
  const noise = 0.85 + 0.3 * unit(`${mpan}|${periodStart.getTime()}`);
  if (direction === 'EXPORT') {
    const daylight = Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI));
    const panel = 0.4 + 1.2 * unit(`${mpan}|panel`);
    return round3((panel * daylight * noise) / winter);
  }
  const household = 0.6 + 0.9 * unit(`${mpan}|household`);
  const morning = Math.exp(-((hour - 7.5) ** 2) / 2);
  const evening = 1.6 * Math.exp(-((hour - 18.5) ** 2) / 4);
  return round3((0.12 + 0.25 * morning + 0.45 * evening) * household * winter * noise);
}

/** A register reading (kWh, cumulative) at an instant: rises steadily from a per-MPAN start. */
export function syntheticRegisterKwh(mpan: string, direction: MeterDirection, at: Date): number {
  const start = 1000 + 40_000 * unit(`${mpan}|register|${direction}`);
  const kwhPerHour = direction === 'EXPORT' ? 0.25 : 0.4 + 0.4 * unit(`${mpan}|household`);
  return round3(start + ((at.getTime() - Date.UTC(2020, 0, 1)) / 3_600_000) * kwhPerHour);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
