import { outagePeriods } from './outage-periods';

const at = (time: string) => new Date(`2026-12-02T${time}:00Z`);
const day = [at('00:00'), new Date('2026-12-03T00:00:00Z')] as const;

describe('outage periods from the capacity audit', () => {
  it('pairs each declaration with the provider’s return, keeps those touching the day, and leaves one still open', () => {
    const periods = outagePeriods([
      { provider: 'S1SP-B', changedAt: at('09:05'), out: true },
      { provider: 'S1SP-B', changedAt: at('11:02'), out: false },
      { provider: 'CSP-NORTH', changedAt: new Date('2026-12-01T23:00:00Z'), out: true },
      { provider: 'CSP-NORTH', changedAt: at('01:00'), out: false },
      { provider: 'S1SP-A', changedAt: new Date('2026-12-01T10:00:00Z'), out: true },
      { provider: 'S1SP-A', changedAt: new Date('2026-12-01T11:00:00Z'), out: false },
      { provider: 'S1SP-B', changedAt: at('20:00'), out: true },
    ], ...day);
    expect(periods).toEqual([
      { provider: 'CSP-NORTH', from: '2026-12-01T23:00:00.000Z', to: '2026-12-02T01:00:00.000Z' },
      { provider: 'S1SP-B', from: '2026-12-02T09:05:00.000Z', to: '2026-12-02T11:02:00.000Z' },
      { provider: 'S1SP-B', from: '2026-12-02T20:00:00.000Z', to: null },
    ]);
  });

  it('ignores a return with no declaration before it, and a second declaration while out', () => {
    expect(outagePeriods([
      { provider: 'S1SP-A', changedAt: at('08:00'), out: false },
      { provider: 'S1SP-A', changedAt: at('09:00'), out: true },
      { provider: 'S1SP-A', changedAt: at('09:30'), out: true },
      { provider: 'S1SP-A', changedAt: at('10:00'), out: false },
    ], ...day)).toEqual([{ provider: 'S1SP-A', from: '2026-12-02T09:00:00.000Z', to: '2026-12-02T10:00:00.000Z' }]);
  });
});
