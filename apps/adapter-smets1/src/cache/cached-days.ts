import { ReadResult } from '@halfhour/contracts';

/** One row of the SMETS1 cache: what is worth keeping of a device's reads of one SRV for one data day. */
export interface CachedDay {
  device_id: string;
  srv: string;
  data_day: string;
  periods: { start: string; kwh: number }[];
  registers: { register: string; kwh: number; readAt: string }[];
}

/**
 * The cache rows for a batch of meter results: only ACTUAL half hours (an estimate or a gap is not
 * the meter's data), and registers only of daily logs (4.6.x; instantaneous ones are of the moment).
 * Results for the same device, SRV and day are merged, the later result winning per half hour, so
 * each row is written once per batch.
 */
export function cachedDaysOf(results: readonly ReadResult[]): CachedDay[] {
  const days = new Map<string, { day: CachedDay; periods: Map<string, number>; registers: Map<string, CachedDay['registers'][number]> }>();
  for (const result of results) {
    const key = `${result.deviceId}|${result.srv}|${result.dataDay}`;
    let entry = days.get(key);
    if (!entry) {
      entry = { day: { device_id: result.deviceId, srv: result.srv, data_day: result.dataDay, periods: [], registers: [] }, periods: new Map(), registers: new Map() };
      days.set(key, entry);
    }
    for (const period of result.periods) {
      if (period.quality === 'ACTUAL' && period.kwh !== undefined) entry.periods.set(new Date(period.start).toISOString(), period.kwh);
    }
    if (result.srv.startsWith('4.6')) {
      for (const register of result.registers) {
        const readAt = new Date(register.readAt).toISOString();
        entry.registers.set(`${register.register}|${readAt}`, { register: register.register, kwh: register.kwh, readAt });
      }
    }
  }
  return [...days.values()]
    .map(({ day, periods, registers }) => ({ ...day, periods: [...periods].sort(([a], [b]) => a.localeCompare(b)).map(([start, kwh]) => ({ start, kwh })), registers: [...registers.values()] }))
    .filter((day) => day.periods.length > 0 || day.registers.length > 0);
}
