import { HalfHourValueDto, ReadCommand, ReadResult } from '@halfhour/contracts';
import { ProviderReading } from './provider-client';

const HALF_HOUR = 30 * 60_000;

/**
 * The one normalised shape for both generations (R-DEV-1): for profile SRVs every UTC half hour
 * of the read period, ACTUAL with the provider's value or MISSING — never a made-up value; for
 * daily read logs and registers, the readings. COMPLETE when nothing is missing, PARTIAL when
 * some is, FAILED when there is nothing.
 */
export function resultFromReading(command: ReadCommand, reading: ProviderReading, source: 'METER' | 'CACHE', completedAt: Date): ReadResult {
  const base = resultBase(command, completedAt, source);
  if (!command.srv.startsWith('4.8')) {
    const registers = reading.registers.map(({ register, kwh, readAt }) => ({ register, kwh, readAt }));
    return registers.length > 0 ? { ...base, outcome: 'COMPLETE', periods: [], registers } : { ...base, outcome: 'FAILED', failureReason: 'NO_DATA: the meter returned no register readings', periods: [], registers: [] };
  }
  const given = new Map(reading.periods.map((p) => [Date.parse(p.start), p.kwh]));
  const periods: HalfHourValueDto[] = [];
  for (let t = Date.parse(command.readPeriod.start); t < Date.parse(command.readPeriod.end); t += HALF_HOUR) {
    const kwh = given.get(t);
    periods.push(kwh === undefined || !Number.isFinite(kwh) || kwh < 0 ? { start: new Date(t).toISOString(), quality: 'MISSING' } : { start: new Date(t).toISOString(), quality: 'ACTUAL', kwh });
  }
  const missing = periods.filter((p) => p.quality === 'MISSING').length;
  if (missing === periods.length) return { ...base, outcome: 'FAILED', failureReason: 'NO_DATA: the meter returned no half hours', periods, registers: [] };
  return missing > 0
    ? { ...base, outcome: 'PARTIAL', failureReason: `MISSING_PERIODS: ${missing} of ${periods.length} half hours missing`, periods, registers: [] }
    : { ...base, outcome: 'COMPLETE', periods, registers: [] };
}

export function failedResult(command: ReadCommand, failureReason: string, completedAt: Date): ReadResult {
  return { ...resultBase(command, completedAt, 'METER'), outcome: 'FAILED', failureReason, periods: [], registers: [] };
}

function resultBase(command: ReadCommand, completedAt: Date, source: 'METER' | 'CACHE') {
  const { commandId, itemKey, planDay, mpan, deviceId, provider, srv, dataDay, attempt, requesters } = command;
  return { commandId, itemKey, planDay, mpan, deviceId, provider, srv, dataDay, attempt, requesters, source, completedAt: completedAt.toISOString() };
}
