import { MetricsSnapshot } from '../day/metrics-reader';
import { StackMetrics } from '../day/stack-view';
import { GroupJoinTally } from './group-joins';

/** A look at the stack where the scheduler's replicas have counted these joins (by instance URL). */
function look(joins: Record<string, number>): StackMetrics {
  const instances = Object.keys(joins);
  const scheduler = MetricsSnapshot.merge(instances.map((url) => MetricsSnapshot.parse(`halfhour_consumer_group_joins_total{topic="t"} ${joins[url]}\n`)), instances);
  const none = MetricsSnapshot.empty();
  return { intake: none, access: none, scheduler, smets1: none, smets2: none, dip: none };
}

describe('the campaign’s tally of consumer-group joins', () => {
  it('counts what each process added, a process started afresh counting from nothing', () => {
    const tally = new GroupJoinTally();
    tally.observe(look({ a: 1, b: 1 }));
    tally.observe(look({ a: 3, b: 2 }));
    // b was killed and started again: its 1 is new, not 1 less than before.
    tally.observe(look({ a: 4, b: 1 }));
    expect(tally.joins).toBe(2 + 3 + 2);
    expect(tally.byService()).toEqual({ scheduler: 7 });
  });
});
