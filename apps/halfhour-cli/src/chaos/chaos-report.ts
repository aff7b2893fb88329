import { DayReport } from '../day/day-report';
import { GroupLag } from './consumer-lag';
import { DeadLettered } from './malformed-input';

/** One fault as it was done: when (simulated), what, and what came of it. */
export interface FaultDone {
  at: string;
  what: string;
  outcome: string;
  /** Real seconds from the fault until the DIP next took data; null when none came (within 5 min, before the day closed). */
  stallSeconds?: number | null;
  /** Consumer-group joins counted by every process from the fault until the next one (a rebalance is one per member). */
  groupJoins?: number;
}

export interface CampaignFacts {
  day: DayReport;
  faults: readonly FaultDone[];
  deadLetters: readonly DeadLettered[];
  lags: readonly GroupLag[];
  /** Services whose /health/live did not answer 200 at the end. */
  notLive: readonly string[];
  /** Reads the simulated providers answered with data, and of those, for a command already answered. */
  meterReads: { answered: number; answeredAgain: number };
  /** Real ms each SIGTERM took to end its service, and how it ended. */
  drains: readonly Drain[];
  /** Peak resident memory per service over the campaign (every incarnation), MB. */
  peakRssMb: Record<string, number>;
  /** Consumer-group joins each service's processes counted over the campaign (a rebalance is one per member). */
  groupJoins?: Record<string, number>;
}

export interface Drain {
  service: string;
  ms: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

const DRAIN_LIMIT_MS = 20_000;
/** Nest re-raises the signal once its shutdown hooks are done; a drain that overran exits 1. */
const drainedCleanly = (drain: Drain) => drain.exitCode === 0 || drain.signal === 'SIGTERM';

/** The campaign's verdict: each finding with its figure and whether it is what the issue demands. */
export function buildChaosReport(facts: CampaignFacts) {
  const { deliveries, responses } = facts.day.checks;
  const malformedSent = facts.deadLetters.reduce((n, d) => n + d.sent, 0);
  const malformedLettered = facts.deadLetters.reduce((n, d) => n + Math.min(d.sent, d.deadLettered), 0);
  const lagging = facts.lags.filter((l) => l.lag > 0);
  const slowestDrain = Math.max(0, ...facts.drains.map((d) => d.ms));
  const findings = [
    { finding: 'MPAN-days lost (expected at the DIP, never delivered)', value: deliveries.missingCount, ok: deliveries.missingCount === 0, examples: deliveries.missing },
    { finding: 'MPAN-days delivered more than once or incomplete', value: deliveries.notExactlyOnceCount, ok: deliveries.notExactlyOnceCount === 0, examples: deliveries.notExactlyOnce },
    { finding: 'MPAN-days with wrong values or not expected', value: deliveries.wrongValuesCount + deliveries.unexpectedCount, ok: deliveries.wrongValuesCount + deliveries.unexpectedCount === 0, examples: [...deliveries.wrongValues, ...deliveries.unexpected] },
    { finding: 'requests answered other than designed (doubled, missing or wrong answers)', value: responses.mismatchCount, ok: responses.mismatchCount === 0, examples: responses.mismatches },
    { finding: 'providers whose items do not reconcile', value: facts.day.reconciliation.filter((r) => !r.reconciles).length, ok: facts.day.reconciliation.every((r) => r.reconciles) },
    { finding: 'meter reads per command answered (1.00: never read twice)', value: round(facts.meterReads.answered / Math.max(1, facts.meterReads.answered - facts.meterReads.answeredAgain)), ok: facts.meterReads.answeredAgain === 0 },
    { finding: `malformed messages dead-lettered with a reason, of ${malformedSent}`, value: malformedLettered, ok: malformedLettered === malformedSent },
    { finding: 'consumer groups with lag at the end', value: lagging.length, ok: lagging.length === 0 },
    { finding: 'services not live at the end', value: facts.notLive.length, ok: facts.notLive.length === 0 },
    { finding: `slowest SIGTERM drain under load, s (limit ${DRAIN_LIMIT_MS / 1000})`, value: round(slowestDrain / 1000), ok: slowestDrain <= DRAIN_LIMIT_MS && facts.drains.every(drainedCleanly) },
  ];
  return {
    faults: facts.faults,
    findings,
    /** Answers published again after a crash, under an ID the user had already read: dropped by the user, not counted as doubled. */
    answersRepeated: responses.repeatsDropped,
    deadLetters: facts.deadLetters,
    laggingGroups: lagging,
    notLive: facts.notLive,
    drains: facts.drains,
    peakRssMb: facts.peakRssMb,
    groupJoins: facts.groupJoins ?? {},
    passed: findings.every((f) => f.ok),
  };
}

export type ChaosReport = ReturnType<typeof buildChaosReport>;

/** The campaign as two tables for the terminal: what it did, and what it found. */
export function chaosSummary(report: ChaosReport): string {
  const width = Math.max(...report.faults.map((f) => f.what.length), 10);
  return [
    'What the campaign did',
    ...report.faults.map((f) => `  ${f.at.slice(11, 16)}  ${f.what.padEnd(width)}  ${f.outcome}${effectsOf(f)}`),
    '',
    'What it found',
    ...report.findings.map((f) => `  ${f.ok ? 'ok  ' : 'FAIL'}  ${String(f.value).padStart(8)}  ${f.finding}`),
    `        ${String(report.answersRepeated).padStart(8)}  answers published again under an ID already sent (a crash before the send was recorded; the user drops them)`,
    '',
    `Peak RSS, MB: ${Object.entries(report.peakRssMb).map(([service, mb]) => `${service} ${Math.round(mb)}`).join(', ')}`,
    `Consumer-group joins: ${Object.entries(report.groupJoins).map(([service, joins]) => `${service} ${joins}`).join(', ') || 'none counted'}`,
    report.passed ? 'The campaign passed.' : 'The campaign FAILED.',
  ].join('\n');
}

/** A fault's stall and rebalances, where measured. */
function effectsOf(fault: FaultDone): string {
  const stall = fault.stallSeconds === undefined ? '' : fault.stallSeconds === null ? '; no delivery after it (within 5 min, before the day closed)' : `; next delivery after ${fault.stallSeconds.toFixed(1)} s`;
  return `${stall}${fault.groupJoins === undefined ? '' : `; ${fault.groupJoins} group joins`}`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
