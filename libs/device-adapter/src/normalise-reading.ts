import { HalfHourValueDto, ReadCommand, ReadResult } from '@halfhour/contracts';
import { describeReadFailure, ReadFailure } from '@halfhour/domain';
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
    return registers.length > 0 ? { ...base, outcome: 'COMPLETE', periods: [], registers } : { ...base, outcome: 'FAILED', ...failure({ code: 'NO_DATA', detail: 'the meter returned no register readings' }), periods: [], registers: [] };
  }
  const given = new Map(reading.periods.map((p) => [canonicalInstant(p.start), p.kwh]));
  const periods: HalfHourValueDto[] = halfHourStarts(command.readPeriod.start, command.readPeriod.end).map((start) => {
    const kwh = given.get(start);
    return kwh === undefined || !Number.isFinite(kwh) || kwh < 0 ? { start, quality: 'MISSING' } : { start, quality: 'ACTUAL', kwh };
  });
  const missing = periods.filter((p) => p.quality === 'MISSING').length;
  if (missing === periods.length) return { ...base, outcome: 'FAILED', ...failure({ code: 'NO_DATA', detail: 'the meter returned no half hours' }), periods, registers: [] };
  return missing > 0
    ? { ...base, outcome: 'PARTIAL', ...failure({ code: 'MISSING_PERIODS', detail: `${missing} of ${periods.length} half hours missing` }), periods, registers: [] }
    : { ...base, outcome: 'COMPLETE', periods, registers: [] };
}

export function failedResult(command: ReadCommand, readFailure: ReadFailure, completedAt: Date): ReadResult {
  return { ...resultBase(command, completedAt, 'METER'), outcome: 'FAILED', ...failure(readFailure), periods: [], registers: [] };
}

function failure(readFailure: ReadFailure): Pick<ReadResult, 'failureCode' | 'failureReason'> {
  return { failureCode: readFailure.code, failureReason: describeReadFailure(readFailure) };
}

function resultBase(command: ReadCommand, completedAt: Date, source: 'METER' | 'CACHE') {
  const { commandId, itemKey, planDay, mpan, deviceId, provider, srv, dataDay, attempt, requesters } = command;
  return { commandId, itemKey, planDay, mpan, deviceId, provider, srv, dataDay, attempt, requesters, source, completedAt: completedAt.toISOString() };
}

const CANONICAL_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The instant as `toISOString` writes it, without a round trip through Date when it already is. */
function canonicalInstant(instant: string): string {
  if (CANONICAL_INSTANT.test(instant)) return instant;
  const at = Date.parse(instant);
  return Number.isNaN(at) ? instant : new Date(at).toISOString();
}

/** The UTC half hours of a read period, as ISO strings; every command of a data day asks for the same few periods. */
const startsOfPeriod = new Map<string, readonly string[]>();
function halfHourStarts(start: string, end: string): readonly string[] {
  const key = `${start}/${end}`;
  let starts = startsOfPeriod.get(key);
  if (!starts) {
    const list: string[] = [];
    for (let t = Date.parse(start); t < Date.parse(end); t += HALF_HOUR) list.push(new Date(t).toISOString());
    if (startsOfPeriod.size >= 64) startsOfPeriod.clear();
    startsOfPeriod.set(key, list);
    starts = list;
  }
  return starts;
}
