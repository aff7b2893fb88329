import { ReadResult, Topics } from '@halfhour/contracts';
import { cachedDaysOf } from './cached-days';

const base = Topics.readResults.messages[0].example as ReadResult;
const result = (overrides: Partial<ReadResult>): ReadResult => ({ ...base, ...overrides });

describe('cachedDaysOf: the SMETS1 cache rows of a batch of meter results', () => {
  it('keeps only the half hours the meter measured, in instants written one way', () => {
    const [day] = cachedDaysOf([result({ periods: [
      { start: '2026-03-31T23:30:00Z', quality: 'ACTUAL', kwh: 0.2 },
      { start: '2026-03-31T23:00:00.000Z', quality: 'ACTUAL', kwh: 0.1 },
      { start: '2026-04-01T00:00:00Z', quality: 'MISSING' },
    ] })]);
    expect(day).toEqual({
      device_id: base.deviceId, srv: '4.8.1', data_day: '2026-04-01', registers: [],
      periods: [{ start: '2026-03-31T23:00:00.000Z', kwh: 0.1 }, { start: '2026-03-31T23:30:00.000Z', kwh: 0.2 }],
    });
  });

  it('writes one row per device, SRV and day, the later result winning each half hour', () => {
    const days = cachedDaysOf([
      result({ periods: [{ start: '2026-03-31T23:00:00Z', quality: 'ACTUAL', kwh: 1 }, { start: '2026-03-31T23:30:00Z', quality: 'ACTUAL', kwh: 2 }] }),
      result({ attempt: 2, periods: [{ start: '2026-03-31T23:30:00Z', quality: 'ACTUAL', kwh: 3 }] }),
      result({ dataDay: '2026-04-02', periods: [{ start: '2026-04-01T23:00:00Z', quality: 'ACTUAL', kwh: 4 }] }),
    ]);
    expect(days.map((d) => [d.data_day, d.periods.map((p) => p.kwh)])).toEqual([['2026-04-01', [1, 3]], ['2026-04-02', [4]]]);
  });

  it('keeps the registers of daily logs only, and nothing for a result with nothing worth keeping', () => {
    const registers = [{ register: 'IMPORT_TOTAL', kwh: 1234.5, readAt: '2026-04-01T23:00:00Z' }];
    const [log] = cachedDaysOf([result({ srv: '4.6.1', periods: [], registers })]);
    expect(log.registers).toEqual([{ register: 'IMPORT_TOTAL', kwh: 1234.5, readAt: '2026-04-01T23:00:00.000Z' }]);
    expect(cachedDaysOf([result({ srv: '4.1.1', periods: [], registers })])).toEqual([]);
  });
});
