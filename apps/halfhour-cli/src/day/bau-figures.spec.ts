import { bauFigures } from './bau-figures';

const slot = (halfhourReads: number, bauOnTime: number, bauLatencyMs: number) => ({ slotStart: '2026-12-01T10:00:00.000Z', halfhourReads, bauReads: 4, bauOnTime, bauLatencyMs });

describe('BAU figures of the day report', () => {
  it('compares each provider’s BAU reads in slots with and without Halfhour’s reads', () => {
    expect(bauFigures({ 'CSP-SOUTH': [slot(0, 4, 30), slot(3, 4, 40), slot(5, 2, 1030)], 'CSP-NORTH': [] })).toEqual([
      { provider: 'CSP-NORTH', withHalfhour: { slots: 0, bauReads: 0, onTime: null, meanLatencyMs: null }, without: { slots: 0, bauReads: 0, onTime: null, meanLatencyMs: null } },
      { provider: 'CSP-SOUTH', withHalfhour: { slots: 2, bauReads: 8, onTime: 0.75, meanLatencyMs: 535 }, without: { slots: 1, bauReads: 4, onTime: 1, meanLatencyMs: 30 } },
    ]);
  });
});
