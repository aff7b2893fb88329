import { byReadGroup, OutcomeRow, providerFigures, readFigures, requesterFigures } from './day-figures';
import { HourRow } from './provider-hours';

const row = (kind: string, state: string, items: number, extra: Partial<OutcomeRow> = {}): OutcomeRow => ({
  provider: 'CSP-NORTH', kind, state, items, withinTrt: state === 'SUCCEEDED' ? items : 0, dispatches: state === 'UNPLACED' ? 0 : items, resent: 0, ...extra,
});

describe('the day report’s figures', () => {
  it('rates success and TRT compliance on the reads still wanted: a stopped read counts against neither', () => {
    const figures = readFigures([row('SCHEDULED', 'SUCCEEDED', 90, { withinTrt: 85 }), row('SCHEDULED', 'EXPIRED', 5), row('SCHEDULED', 'STOPPED', 5), row('SCHEDULED', 'PLANNED', 10)]);
    expect(figures).toMatchObject({ items: 110, delivered: 90, stopped: 5, expired: 5, unfinished: 10, withinTrt: 85, successRate: 0.8571, trtCompliance: 0.8095 });
    expect(readFigures([row('SCHEDULED', 'STOPPED', 3)])).toMatchObject({ items: 3, successRate: null, trtCompliance: null });
    expect(readFigures([])).toMatchObject({ items: 0, successRate: null, trtCompliance: null });
  });

  it('counts backstops on their own (a re-sent read no longer says whether it was scheduled or on demand)', () => {
    const groups = byReadGroup([row('SCHEDULED', 'SUCCEEDED', 7), row('ON_DEMAND', 'SUCCEEDED', 2), row('BACKSTOP', 'SUCCEEDED', 3, { resent: 3 }), row('BAU', 'SUCCEEDED', 1)]);
    expect([groups.scheduled.items, groups.onDemand.items, groups.backstop.items, groups.bau.items]).toEqual([7, 2, 3, 1]);
    expect(groups.backstop.resent).toBe(3);
  });

  it('finds a provider’s busiest hour against its MHHS capacity, and the headroom left', () => {
    const hour = (planned: number, capacity: number): HourRow => ({
      provider: 'CSP-NORTH', hour: '2026-12-02T07:00:00.000Z', planned, plannedScheduled: planned, plannedOnDemand: 0, plannedBau: 0,
      dispatchedScheduled: 0, dispatchedOnDemand: 0, dispatchedBau: 0, mhhsCapacity: capacity, scheduledCapacity: capacity, reservedCapacity: 0, bauCapacity: 0,
    });
    const figures = providerFigures('CSP-NORTH', [row('SCHEDULED', 'SUCCEEDED', 30)], [hour(10, 40), hour(30, 40), hour(0, 0)]);
    expect(figures).toMatchObject({ mhhsReadsInDay: 80, peakHourUtilisation: 0.75, headroom: 0.25 });
  });

  it('puts the heaviest on-demand users first', () => {
    const users = requesterFigures([
      { userId: 'U1', role: 'MDR', mpid: 'MDRA', kind: 'ON_DEMAND', state: 'SUCCEEDED', items: 1 },
      { userId: 'U2', role: 'MDR', mpid: 'MDRB', kind: 'ON_DEMAND', state: 'SUCCEEDED', items: 4 },
      { userId: 'U2', role: 'MDR', mpid: 'MDRB', kind: 'ON_DEMAND', state: 'EXPIRED', items: 1 },
      { userId: 'U3', role: 'IS', mpid: 'SUPA', kind: 'SCHEDULED', state: 'SUCCEEDED', items: 9 },
    ]);
    expect(users.map((u) => [u.userId, u.reads.onDemand.items, u.reads.onDemand.successRate])).toEqual([['U2', 5, 0.8], ['U1', 1, 1], ['U3', 0, null]]);
  });
});
