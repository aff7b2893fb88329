import { ReadCommand } from '@halfhour/contracts';
import { addDays, settlementDayStart, settlementPeriodStarts } from '@halfhour/domain';
import { resultFromReading } from './normalise-reading';

const commandFor = (dataDay: string, srv = '4.8.1'): ReadCommand => ({
  commandId: `${dataDay}|1200001234566|${srv}|${dataDay}#1`, itemKey: `1200001234566|${srv}|${dataDay}`, planDay: addDays(dataDay, 1), mpan: '1200001234566',
  deviceId: '00-00-00-00-00-00-00-01', provider: 'CSP-NORTH', srv, dataDay, attempt: 1, kind: 'SCHEDULED', deadline: '2026-12-02T00:00:00Z',
  readPeriod: { start: settlementDayStart(dataDay).toISOString(), end: settlementDayStart(addDays(dataDay, 1)).toISOString() }, requesters: [],
});
const at = new Date('2026-12-01T12:00:00Z');

describe('a provider’s reading as a read result', () => {
  it('is COMPLETE with every half hour of the day, on clock-change days too', () => {
    for (const day of ['2026-11-30', '2026-03-29', '2026-10-25']) {
      const starts = settlementPeriodStarts(day).map((s) => s.toISOString());
      const result = resultFromReading(commandFor(day), { periods: starts.map((start, i) => ({ start, kwh: i / 10 })), registers: [] }, 'METER', at);
      expect(result.outcome).toBe('COMPLETE');
      expect(result.periods).toEqual(starts.map((start, i) => ({ start, quality: 'ACTUAL', kwh: i / 10 })));
    }
  });

  it('matches half hours the provider wrote in another ISO form, and marks what it lacks, or gave as nonsense, MISSING', () => {
    const starts = settlementPeriodStarts('2026-11-30').map((s) => s.toISOString());
    const periods = [
      { start: '2026-11-30T00:00:00+00:00', kwh: 0.5 },
      { start: 'not a time', kwh: 9 },
      { start: starts[2], kwh: -1 },
      ...starts.slice(3).map((start) => ({ start, kwh: 0.25 })),
    ];
    const result = resultFromReading(commandFor('2026-11-30'), { periods, registers: [] }, 'METER', at);
    expect(result.periods.slice(0, 3)).toEqual([{ start: starts[0], quality: 'ACTUAL', kwh: 0.5 }, { start: starts[1], quality: 'MISSING' }, { start: starts[2], quality: 'MISSING' }]);
    expect(result).toMatchObject({ outcome: 'PARTIAL', failureCode: 'MISSING_PERIODS', failureReason: 'MISSING_PERIODS: 2 of 48 half hours missing' });
  });

  it('is FAILED with NO_DATA when the meter gave no half hour at all', () => {
    expect(resultFromReading(commandFor('2026-11-30'), { periods: [], registers: [] }, 'METER', at)).toMatchObject({ outcome: 'FAILED', failureCode: 'NO_DATA', failureReason: 'NO_DATA: the meter returned no half hours' });
  });
});
