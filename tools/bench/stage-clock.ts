/** A stage's progress over the run: how many it did between its first and last change. */
export interface StageRate {
  count: number;
  seconds: number;
  perSecond: number;
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
      rates[stage] = { count, seconds, perSecond: seconds > 0 ? count / seconds : 0 };
    }
    return rates;
  }
}
