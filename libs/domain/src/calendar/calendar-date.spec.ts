import fc from 'fast-check';
import { isCalendarDate, isUtcInstant } from './calendar-date';

describe('calendar dates and instants from outside', () => {
  it('takes only days that exist', () => {
    expect(['2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31'].every(isCalendarDate)).toBe(true);
    expect(['2026-02-29', '2026-02-30', '2026-02-31', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '26-01-01', ' 2026-01-01', 20260101, undefined]
      .some(isCalendarDate)).toBe(false);
  });

  it('agrees with the calendar for every day of four centuries, and with nothing else', () => {
    fc.assert(fc.property(fc.integer({ min: 1600, max: 2399 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
      const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const real = new Date(Date.UTC(year, month - 1, day));
      const exists = month >= 1 && month <= 12 && day >= 1 && real.getUTCMonth() === month - 1 && real.getUTCDate() === day;
      expect(isCalendarDate(text)).toBe(exists);
    }));
  });

  it('takes UTC instants whose date and time exist', () => {
    expect(['2026-11-28T00:30:00Z', '2026-11-28T23:59:59.999Z', '2028-02-29T12:00:00.5Z'].every(isUtcInstant)).toBe(true);
    expect(['2026-02-31T00:00:00Z', '2026-11-28T24:00:00Z', '2026-11-28T12:60:00Z', '2026-11-28T12:00:60Z', '2026-11-28T12:00:00', '2026-11-28T12:00:00+01:00', '2026-11-28']
      .some(isUtcInstant)).toBe(false);
  });
});
