import fc from 'fast-check';
import { settlementPeriodStarts } from '@halfhour/domain';
import { syntheticHalfHourKwh, syntheticRegisterKwh } from './synthetic-meter';

describe('synthetic meters', () => {
  it('give the same value for the same MPAN and half hour, and plausible household figures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 3650 }), (serial, offset) => {
        const mpan = `12${String(serial).padStart(11, '0')}`;
        const day = new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const values = settlementPeriodStarts(day).map((start) => syntheticHalfHourKwh(mpan, 'IMPORT', start));
        expect(values).toEqual(settlementPeriodStarts(day).map((start) => syntheticHalfHourKwh(mpan, 'IMPORT', start)));
        const total = values.reduce((a, b) => a + b, 0);
        expect(total).toBeGreaterThan(2);
        expect(total).toBeLessThan(40);
      }),
      { numRuns: 300 },
    );
  });

  it('export nothing at night, and registers only ever rise', () => {
    expect(syntheticHalfHourKwh('1200001234566', 'EXPORT', new Date('2026-06-10T01:00:00Z'))).toBe(0);
    expect(syntheticHalfHourKwh('1200001234566', 'EXPORT', new Date('2026-06-10T12:00:00Z'))).toBeGreaterThan(0);
    const earlier = syntheticRegisterKwh('1200001234566', 'IMPORT', new Date('2026-06-10T00:00:00Z'));
    expect(syntheticRegisterKwh('1200001234566', 'IMPORT', new Date('2026-06-11T00:00:00Z'))).toBeGreaterThan(earlier);
  });
});
