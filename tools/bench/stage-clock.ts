/** A stage's progress over the run: how many it did between its first and last change. */
export interface StageRate {
  count: number;
  seconds: number;
  perSecond: number;
  /** Seconds from the start until 95 % of the count was done: far below `seconds`, a long tail (retries, stragglers) sets the rate. */
  secondsTo95?: number;
}

/**
 * Turns once-a-second samples of each stage's counter into its rate while it was working: from the
 * sample before its first rise to its last rise, so idle waits before and after are not counted.
 */
export class StageClock {
  private readonly history = new Map<string, { at: number; value: number }[]>();

  sample(counters: Record<string, number>, at = Date.now()): void {
    for (const [stage, value] of Object.entries(counters)) {
      const points = this.history.get(stage) ?? [];
      const last = points[points.length - 1];
      if (!last || last.value !== value) points.push({ at, value });
      else if (points.length === 1) last.at = at; // still idle before its first rise
      this.history.set(stage, points);
    }
  }

  rates(): Record<string, StageRate> {
    const rates: Record<string, StageRate> = {};
    for (const [stage, points] of this.history) {
      const first = points[0];
      const last = points[points.length - 1];
      const seconds = (last.at - first.at) / 1000;
      const count = last.value - first.value;
      const to95 = points.find((p) => p.value - first.value >= count * 0.95);
      rates[stage] = { count, seconds, perSecond: seconds > 0 ? count / seconds : 0, secondsTo95: to95 ? (to95.at - first.at) / 1000 : 0 };
    }
    return rates;
  }

  /** Every stage's samples as CSV (seconds since the first sample, then one column per stage), for a look at the shape of the run. */
  csv(): string {
    const stages = [...this.history.keys()];
    const origin = Math.min(...stages.map((s) => this.history.get(s)![0].at));
    const times = [...new Set(stages.flatMap((s) => this.history.get(s)!.map((p) => p.at)))].sort((a, b) => a - b);
    const valueAt = (stage: string, at: number) => [...this.history.get(stage)!].reverse().find((p) => p.at <= at)?.value ?? 0;
    return [['seconds', ...stages].join(','), ...times.map((at) => [((at - origin) / 1000).toFixed(1), ...stages.map((s) => valueAt(s, at))].join(','))].join('\n') + '\n';
  }
}
