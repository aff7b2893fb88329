import fc from 'fast-check';
import { addDays } from '../calendar/calendar-date';
import { checkReadLogPeriod, DEFAULT_READ_LOG_LIMITS } from './read-log-period';

const NOW = new Date('2026-12-06T12:00:00Z');
const check = (start: string, end: string, maxDays = DEFAULT_READ_LOG_LIMITS.maxDays) => checkReadLogPeriod({ start: new Date(start), end: new Date(end) }, NOW, { maxDays });

describe('a read log period a request may ask for', () => {
  it('is the settlement days it touches when it is over and within the limit', () => {
    expect(check('2026-12-04T00:00:00Z', '2026-12-05T00:00:00Z')).toEqual({ days: { from: '2026-12-04', to: '2026-12-05' } });
    expect(check('2026-12-06T00:00:00Z', NOW.toISOString())).toEqual({ days: { from: '2026-12-06', to: '2026-12-07' } });
  });

  it('is refused empty or reversed', () => {
    expect(check('2026-12-05T00:00:00Z', '2026-12-05T00:00:00Z')).toMatchObject({ reason: 'INVALID_PERIOD' });
    expect(check('2026-12-05T00:00:00Z', '2026-12-04T00:00:00Z')).toMatchObject({ reason: 'INVALID_PERIOD' });
  });

  it('is refused when it ends after the time of decision, by a half hour or by centuries', () => {
    expect(check('2026-12-05T00:00:00Z', '2026-12-06T12:30:00Z')).toMatchObject({ reason: 'PERIOD_IN_FUTURE' });
    expect(check('2026-12-05T00:00:00Z', '9999-12-31T00:00:00Z')).toMatchObject({ reason: 'PERIOD_IN_FUTURE', message: expect.stringContaining('9999-12-31') });
  });

  it('is refused longer than thirteen months by default, and accepted at exactly the limit', () => {
    expect(check('2025-11-03T00:00:00Z', '2026-12-05T00:00:00Z')).toMatchObject({ reason: 'PERIOD_TOO_LONG', message: expect.stringContaining('396 days') });
    expect(check('2025-11-04T00:00:00Z', '2026-12-05T00:00:00Z')).toEqual({ days: { from: '2025-11-04', to: '2026-12-05' } });
    expect(check('2025-11-03T00:00:00Z', '2026-12-05T00:00:00Z', 397)).toEqual({ days: { from: '2025-11-03', to: '2026-12-05' } });
  });

  it('never lets through more days than the limit, nor a day after the time of decision', () => {
    const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(instant, instant, fc.integer({ min: 1, max: 800 }), (a, b, maxDays) => {
      const result = checkReadLogPeriod({ start: a, end: b }, NOW, { maxDays });
      if ('reason' in result) return;
      expect(a < b && b <= NOW).toBe(true);
      expect(addDays(result.days.from, maxDays) >= result.days.to).toBe(true);
    }), { numRuns: 2000 });
  });
});
