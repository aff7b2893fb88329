/** What a line of tools/bench/history.jsonl holds that a comparison reads. */
export interface HistoryEntry {
  at: string;
  commit: string;
  uncommittedChanges?: boolean;
  machine: { cores: number; cpu: string; memoryGiB: number };
  mpanDays: number;
  profiled?: boolean;
  mpanDaysPerSecond: number;
  stages?: Record<string, number>;
  checks?: { deliveries: boolean; responses: boolean };
  /** Processes per service, brokers and V8 flags given to every service; absent: one of each, no flags (every run before --replicas). */
  shape?: { replicas: number; brokers: number; nodeOptions?: string };
}

/** Runs compare only with runs of the same shape: two replicas on two cores is a measure of overhead, not of speed. */
export function sameShape(a: Pick<HistoryEntry, 'shape'>, b: Pick<HistoryEntry, 'shape'>): boolean {
  return (a.shape?.replicas ?? 1) === (b.shape?.replicas ?? 1) && (a.shape?.brokers ?? 1) === (b.shape?.brokers ?? 1) && (a.shape?.nodeOptions ?? '') === (b.shape?.nodeOptions ?? '');
}

export interface HistoryComparison {
  /** The best earlier run of the same size on the same machine, or none. */
  best?: HistoryEntry;
  /** This run's rate ÷ the best's. */
  ratio?: number;
  /** Each stage's rate ÷ the best's, where both have it. */
  stageRatios: Record<string, number>;
  /** Earlier runs of this size on other machines, only to say they exist. */
  elsewhere: number;
}

/** Below this share of the best earlier run, the bench says so loudly: the spread of unprofiled runs on one host is about ±10 %. */
export const REGRESSION_RATIO = 0.85;

/** The same machine: the same CPU model and core count (hosts of one kind differ twofold in speed). */
export function sameMachine(a: HistoryEntry['machine'], b: HistoryEntry['machine']): boolean {
  return a.cpu === b.cpu && a.cores === b.cores;
}

/**
 * This run against the best earlier one of its size on its machine: unprofiled runs whose checks
 * held (a run that lost MPAN-days is no standard). Runs on other machines are not compared.
 */
export function compareWithHistory(run: HistoryEntry, history: readonly HistoryEntry[]): HistoryComparison {
  const sameSize = history.filter((entry) => entry.mpanDays === run.mpanDays && sameShape(entry, run) && !entry.profiled && entry.checks?.deliveries !== false && entry.checks?.responses !== false);
  const peers = sameSize.filter((entry) => sameMachine(entry.machine, run.machine));
  const best = peers.reduce<HistoryEntry | undefined>((top, entry) => (!top || entry.mpanDaysPerSecond > top.mpanDaysPerSecond ? entry : top), undefined);
  const stageRatios: Record<string, number> = {};
  for (const [stage, rate] of Object.entries(run.stages ?? {})) {
    const before = best?.stages?.[stage];
    if (before) stageRatios[stage] = rate / before;
  }
  return { best, ratio: best ? run.mpanDaysPerSecond / best.mpanDaysPerSecond : undefined, stageRatios, elsewhere: sameSize.length - peers.length };
}

/** The comparison as the bench prints it: a banner when the run fell below REGRESSION_RATIO of the best. */
export function describeComparison(run: HistoryEntry, comparison: HistoryComparison): string[] {
  const size = run.mpanDays.toLocaleString('en-GB');
  const machine = `${run.machine.cpu}, ${run.machine.cores} cores`;
  const { best, ratio } = comparison;
  if (!best || ratio === undefined) {
    const others = comparison.elsewhere > 0 ? ` (${comparison.elsewhere} on other machines, not comparable: hosts differ twofold)` : '';
    return [`no earlier run of ${size} MPAN-days on this machine (${machine})${others}: this run is the first figure to compare with`];
  }
  const stages = Object.entries(comparison.stageRatios).map(([stage, r]) => `${stage} ${r.toFixed(2)}×`).join(', ');
  const line = `${Math.round(run.mpanDaysPerSecond)} MPAN-days/s against the best earlier run of ${size} on this machine, ${Math.round(best.mpanDaysPerSecond)} at ${best.commit} (${best.at.slice(0, 10)}): ${ratio.toFixed(2)}×; by stage: ${stages}`;
  if (ratio >= REGRESSION_RATIO) return [line];
  const banner = '!'.repeat(100);
  return [
    banner,
    `!! SLOWER: ${Math.round((1 - ratio) * 100)} % below the best earlier run of this size on this machine. Run it again with nothing else`,
    `!! heavy on the machine; if it stays below, bisect with the 20,000 bench between ${best.commit} and this commit.`,
    `!! ${line}`,
    banner,
  ];
}
