import fc from 'fast-check';
import { settlementPeriodStarts } from '../calendar/settlement-day';
import { dipMessageFor, DipSettings, RetrievedDay } from './dip-message';
import { storedDipDayOf, storedDipMessage } from './stored-dip-day';

const settings: DipSettings = { interfaceId: 'HH-RETRIEVED', schemaVersion: '1.0', eventCode: 'HHD', senderDipId: 'DCC01', senderRole: 'DCC', recipients: ['ELEXON', 'MDR'] };

/** Winter, summer, and the short and long days of the clock changes. */
const DAYS = ['2026-01-14', '2026-07-01', '2026-03-29', '2026-10-25'];

/** Retrieved days as a meter may give them: any kWh a double can hold, half hours missing, some days partial or out of step. */
const retrievedDay = fc.constantFrom(...DAYS).chain((settlementDate) => {
  const starts = settlementPeriodStarts(settlementDate);
  // Meters count in Wh: most days are whole thousandths of a kWh; any double may still come.
  const thousandths = fc.integer({ min: -2_000_000, max: 2_147_483_647 }).map((wh) => wh / 1000);
  const reading = fc.record({ missing: fc.boolean(), kwh: fc.oneof(thousandths, thousandths, fc.double({ noNaN: true, noDefaultInfinity: true })), odd: fc.boolean() });
  return fc.record({
    readings: fc.array(reading, { minLength: starts.length, maxLength: starts.length }),
    firstPeriod: fc.constantFrom(0, 0, 0, 5),
    count: fc.integer({ min: 1, max: starts.length }),
    registers: fc.array(fc.record({ register: fc.constantFrom('1.8.0', '2.8.0'), kwh: fc.double({ min: 0, max: 1e9, noNaN: true }), readAt: fc.constantFrom('2026-01-15T00:00:00Z', '2026-07-02T00:00:00.000Z') }), { maxLength: 2 }),
    shifted: fc.boolean(),
  }).map(({ readings, firstPeriod, count, registers, shifted }): RetrievedDay => ({
    itemKey: `1400000000018|4.8.1|${settlementDate}`, mpan: '1400000000018', srv: '4.8.1', settlementDate, registers,
    periods: starts.slice(firstPeriod, firstPeriod + count).map((start, i) => {
      // A meter may stamp a half hour a second late: the message keeps what it was given.
      const at = new Date(start.getTime() + (shifted && readings[i].odd ? 1000 : 0)).toISOString();
      return readings[i].missing ? { start: at, quality: 'MISSING' as const } : { start: at, quality: 'ACTUAL' as const, kwh: readings[i].kwh };
    }),
  }));
});

describe('the DIP outbox’s stored MPAN-day', () => {
  it('gives back the message, byte for byte, that the data gave when it was taken in: winter, summer and both clock-change days', () => {
    fc.assert(
      fc.property(retrievedDay, fc.date({ min: new Date('2026-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }), (day, stampedAt) => {
        const sent = JSON.stringify(dipMessageFor(settings, day, 'REF#0123456789abcdef', stampedAt));
        const stored = storedDipDayOf(day, stampedAt);
        // As the database gives it back: through JSON, as the jsonb and the arrays come.
        const readBack = { ...JSON.parse(JSON.stringify(stored)), stampedAt: new Date(stored.stampedAt) };
        expect(JSON.stringify(storedDipMessage(settings, readBack, 'REF#0123456789abcdef'))).toBe(sent);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps no half-hour starts for a day read from its start, and each start for one that is not', () => {
    const whole: RetrievedDay = { itemKey: 'k', mpan: '1400000000018', srv: '4.8.1', settlementDate: '2026-10-25', registers: [], periods: settlementPeriodStarts('2026-10-25').map((s) => ({ start: s.toISOString(), quality: 'ACTUAL' as const, kwh: 0.25 })) };
    expect(storedDipDayOf(whole, new Date()).periodStartsMs).toBeNull();
    expect(storedDipDayOf(whole, new Date()).quality).toBeNull();
    const gap = { ...whole, periods: whole.periods.map((p, i) => (i === 3 ? { start: p.start, quality: 'MISSING' as const } : p)) };
    expect(storedDipDayOf(gap, new Date()).quality).toBe(`AAAM${'A'.repeat(46)}`);
    expect(storedDipDayOf(whole, new Date())).toMatchObject({ wh: Array(50).fill(250), kwh: null });
    const odd = { ...whole, periods: whole.periods.map((p, i) => ({ ...p, kwh: i === 7 ? 0.1 + 0.2 : 0.25 })) };
    expect(storedDipDayOf(odd, new Date())).toMatchObject({ wh: null, kwh: expect.arrayContaining([0.30000000000000004, 0.25]) });
    expect(storedDipDayOf({ ...whole, periods: whole.periods.slice(1, 3) }, new Date()).periodStartsMs).toEqual([1_800_000, 3_600_000]);
  });
});
