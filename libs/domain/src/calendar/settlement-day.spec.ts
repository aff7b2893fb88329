import fc from 'fast-check';
import { addDays } from './calendar-date';
import { localMinuteOfDay, periodNumbersOf, settlementDayOf, settlementDaysTouched, settlementDayStart, settlementPeriodCount, settlementPeriodOf, settlementPeriodStarts } from './settlement-day';

describe('settlement days (Europe/London)', () => {
  it('starts a winter day at UTC midnight and a summer day at 23:00 UTC the day before', () => {
    expect(settlementDayStart('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(settlementDayStart('2026-07-15').toISOString()).toBe('2026-07-14T23:00:00.000Z');
  });

  it('has 46 periods on the spring clock change, 50 in autumn and 48 otherwise', () => {
    expect(settlementPeriodCount('2026-03-29')).toBe(46);
    expect(settlementPeriodCount('2026-10-25')).toBe(50);
    expect(settlementPeriodCount('2026-03-28')).toBe(48);
    expect(settlementPeriodCount('2026-10-26')).toBe(48);
  });

  it('numbers the repeated autumn hour as periods 3–4 then 5–6', () => {
    expect(settlementPeriodOf(new Date('2026-10-25T00:00:00Z'))).toEqual({ day: '2026-10-25', period: 3 });
    expect(settlementPeriodOf(new Date('2026-10-25T01:00:00Z'))).toEqual({ day: '2026-10-25', period: 5 });
    expect(settlementPeriodOf(new Date('2026-10-25T22:30:00Z'))).toEqual({ day: '2026-10-25', period: 48 });
    expect(settlementPeriodOf(new Date('2026-10-25T23:30:00Z'))).toEqual({ day: '2026-10-25', period: 50 });
  });

  it('puts every period start of a day back in that day, numbered 1…n in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), (offset) => {
        const day = addDays('2024-01-01', offset);
        const starts = settlementPeriodStarts(day);
        starts.forEach((start, i) => expect(settlementPeriodOf(start)).toEqual({ day, period: i + 1 }));
        expect(settlementDayOf(new Date(starts[0].getTime() - 1))).toBe(addDays(day, -1));
      }),
    );
  });

  it('gives the date a London wall clock shows, for any instant', () => {
    const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') }), (ms) => {
        expect(settlementDayOf(new Date(ms))).toBe(london.format(new Date(ms)));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the minute of the day a London wall clock shows, for any instant', () => {
    const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') }), (ms) => {
        const [hour, minute] = london.format(new Date(ms)).split(':').map(Number);
        expect(localMinuteOfDay(new Date(ms))).toBe(hour * 60 + minute);
      }),
      { numRuns: 5000 },
    );
  });

  it('maps a UTC read interval to the settlement days it touches', () => {
    expect(settlementDaysTouched(new Date('2026-07-14T23:00:00Z'), new Date('2026-07-15T23:00:00Z'))).toEqual({ from: '2026-07-15', to: '2026-07-16' });
    expect(settlementDaysTouched(new Date('2026-07-15T00:00:00Z'), new Date('2026-07-15T23:30:00Z'))).toEqual({ from: '2026-07-15', to: '2026-07-17' });
  });

  it('numbers a day’s instants as settlementPeriodOf does, and refuses an instant of another day', () => {
    const anyInstant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2028-12-31T00:00:00Z') });
    fc.assert(fc.property(anyInstant, (ms) => {
      const { day, period } = settlementPeriodOf(new Date(ms));
      expect(periodNumbersOf(day)(ms)).toBe(period);
      expect(() => periodNumbersOf(addDays(day, 1))(ms)).toThrow(RangeError);
      expect(() => periodNumbersOf(addDays(day, -1))(ms)).toThrow(RangeError);
    }));
    expect(() => periodNumbersOf('2026-11-30')(Number.NaN)).toThrow('an invalid time is not in settlement day 2026-11-30');
  });
});
