import { MetricsSnapshot } from '../day/metrics-reader';
import { StackMetrics } from '../day/stack-view';

/**
 * Every consumer-group join the run's processes counted (`halfhour_consumer_group_joins_total`),
 * as Prometheus's increase() counts: per process, a counter that went down was a process started
 * afresh, whose count is all new. A rebalance is one join per member of the group.
 */
export class GroupJoinTally {
  private readonly last = new Map<string, number>();
  private total = 0;
  private readonly byServiceTotal: Record<string, number> = {};

  observe(metrics: StackMetrics): void {
    for (const [service, snapshot] of Object.entries(metrics) as [string, MetricsSnapshot][]) {
      for (const [instance, count] of Object.entries(snapshot.by('halfhour_consumer_group_joins_total', 'instance'))) {
        const before = this.last.get(instance) ?? 0;
        const joined = count >= before ? count - before : count;
        this.last.set(instance, count);
        this.total += joined;
        this.byServiceTotal[service] = (this.byServiceTotal[service] ?? 0) + joined;
      }
    }
  }

  /** Joins counted so far, all processes together. */
  get joins(): number {
    return this.total;
  }

  /** Joins counted so far, by service. */
  byService(): Record<string, number> {
    return { ...this.byServiceTotal };
  }
}
