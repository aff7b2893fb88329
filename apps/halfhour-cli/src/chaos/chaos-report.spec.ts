import { DayReport } from '../day/day-report';
import { buildChaosReport, CampaignFacts } from './chaos-report';

const cleanDay = {
  checks: {
    deliveries: { missingCount: 0, missing: [], notExactlyOnceCount: 0, notExactlyOnce: [], wrongValuesCount: 0, wrongValues: [], unexpectedCount: 0, unexpected: [] },
    responses: { mismatchCount: 0, mismatches: [], repeatsDropped: 0 },
  },
  reconciliation: [{ provider: 'CSP-NORTH', reconciles: true }],
} as unknown as DayReport;

const clean: CampaignFacts = {
  day: cleanDay,
  faults: [{ at: '2026-12-02T06:03:00.000Z', what: 'kill -9 scheduler', outcome: 'ready again in 9.1 s' }],
  deadLetters: [{ topic: 'css.registrations.1', sent: 50, deadLettered: 50, withoutValue: 1 }],
  lags: [{ group: 'chaos.scheduler', lag: 0 }],
  notLive: [],
  meterReads: { answered: 300, answeredAgain: 0 },
  drains: [{ service: 'scheduler', ms: 800, exitCode: null, signal: 'SIGTERM' }],
  peakRssMb: { scheduler: 205 },
};

const failing = (facts: Partial<CampaignFacts>) => buildChaosReport({ ...clean, ...facts }).findings.filter((f) => !f.ok).map((f) => f.finding);

describe('the chaos campaign’s verdict', () => {
  it('passes a campaign that lost, doubled and stranded nothing', () => {
    const report = buildChaosReport(clean);
    expect(report.passed).toBe(true);
    expect(report.findings.find((f) => f.finding.startsWith('meter reads per command'))!.value).toBe(1);
  });

  it('fails on a doubled answer, a meter read twice, a missing dead letter, a lagging group or a dead service', () => {
    const doubled = { requestId: 'u1:d1:7', expected: 'I0+DATA', got: ['I0', 'DATA', 'DATA'] };
    const withDoubledAnswer = { ...cleanDay, checks: { ...cleanDay.checks, responses: { mismatchCount: 1, mismatches: [doubled], repeatsDropped: 2 } } } as unknown as DayReport;
    expect(failing({ day: withDoubledAnswer })).toEqual(['requests answered other than designed (doubled, missing or wrong answers)']);
    const report = buildChaosReport({ ...clean, day: withDoubledAnswer });
    expect(report.findings.find((f) => !f.ok)!.examples).toEqual([doubled]);
    expect(report.answersRepeated).toBe(2);
    expect(failing({ meterReads: { answered: 301, answeredAgain: 1 } })).toEqual(['meter reads per command answered (1.00: never read twice)']);
    expect(failing({ deadLetters: [{ topic: 'css.registrations.1', sent: 50, deadLettered: 49, withoutValue: 0 }] })).toHaveLength(1);
    expect(failing({ lags: [{ group: 'chaos.scheduler', lag: 3 }] })).toEqual(['consumer groups with lag at the end']);
    expect(failing({ notLive: ['scheduler'] })).toEqual(['services not live at the end']);
  });

  it('takes a drain that re-raised SIGTERM as clean, and fails one that overran or exited 1', () => {
    expect(failing({ drains: [{ service: 'scheduler', ms: 25_000, exitCode: null, signal: 'SIGTERM' }] })).toHaveLength(1);
    expect(failing({ drains: [{ service: 'scheduler', ms: 1_000, exitCode: 1, signal: null }] })).toHaveLength(1);
    expect(failing({ drains: [{ service: 'scheduler', ms: 1_000, exitCode: 0, signal: null }] })).toEqual([]);
  });
});
