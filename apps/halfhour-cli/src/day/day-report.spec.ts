import { DEFAULT_POPULATION_SETTINGS, generatePopulation } from '@halfhour/simulation';
import { buildDayReport, ItemOutcome, RunFacts } from './day-report';
import { checkDeliveries } from './delivery-check';
import { deliveredAsDesigned } from './testing/delivered-as-designed';
import { MetricsSnapshot } from './metrics-reader';

const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, mpans: 200, dataDay: '2026-12-01' });

function facts(overrides: Partial<RunFacts> = {}): RunFacts {
  const metrics = MetricsSnapshot.empty();
  return {
    population, collectionDay: '2026-12-02', topicPrefix: 'day-x.', speed: 480, clockMode: 'stepped', realSeconds: 300, providerCapacity: '',
    outcomes: [], metrics: { intake: metrics, access: metrics, scheduler: metrics, smets1: metrics, smets2: metrics, dip: metrics },
    schedulesStopped: {}, forwarderDataDay: { pending: 0, delivered: 0, refused: 0 }, deliveries: checkDeliveries(population, [...population.expectedDeliveries].map((key) => deliveredAsDesigned(population, key))), dipStats: {}, answers: { codesByRequest: new Map(), repeatsDropped: 0 }, sent: [], ...overrides,
  };
}

describe('the day report', () => {
  it('finds the deliveries as designed when exactly the expected MPAN-days arrived once with the meters’ values', () => {
    expect(buildDayReport(facts()).checks.deliveries).toMatchObject({ ok: true, missingCount: 0, unexpectedCount: 0, notExactlyOnceCount: 0, wrongValuesCount: 0 });
  });

  it('reconciles each provider: planned = delivered + stopped + expired, anything else unfinished', () => {
    const outcomes: ItemOutcome[] = [
      { provider: 'CSP-NORTH', kind: 'SCHEDULED', state: 'SUCCEEDED', items: 90, withinTrt: 90, dispatches: 95, resent: 5 },
      { provider: 'CSP-NORTH', kind: 'SCHEDULED', state: 'STOPPED', items: 4, withinTrt: 0, dispatches: 0, resent: 0 },
      { provider: 'CSP-NORTH', kind: 'ON_DEMAND', state: 'EXPIRED', items: 1, withinTrt: 0, dispatches: 3, resent: 2 },
      { provider: 'S1SP-A', kind: 'SCHEDULED', state: 'SUCCEEDED', items: 10, withinTrt: 9, dispatches: 0, resent: 0 },
      { provider: 'S1SP-A', kind: 'BACKSTOP', state: 'PLANNED', items: 2, withinTrt: 0, dispatches: 2, resent: 2 },
    ];
    const report = buildDayReport(facts({ outcomes }));
    expect(report.reconciliation.find((r) => r.provider === 'CSP-NORTH')).toEqual({ provider: 'CSP-NORTH', planned: 95, delivered: 90, stopped: 4, expired: 1, unfinished: 0, reconciles: true });
    expect(report.reconciliation.find((r) => r.provider === 'S1SP-A')).toMatchObject({ planned: 12, unfinished: 2, reconciles: false });
    expect(report.trt).toMatchObject({ items: 103, withinTrt: 99 });
    expect(report.reads.onDemand).toMatchObject({ items: 1, expired: 1, successRate: 0 });
    // From the items themselves, which a restarted scheduler does not forget.
    expect(report.reads).toMatchObject({ backstops: 9, dispatchedByKind: { SCHEDULED: 95, ON_DEMAND: 3, BACKSTOP: 2 } });
    expect(report.trt.breaches).toBe(1);
  });
});
