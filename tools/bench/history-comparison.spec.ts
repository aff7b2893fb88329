import { compareWithHistory, describeComparison, HistoryEntry, REGRESSION_RATIO } from './history-comparison';

const INTEL = { cores: 2, cpu: 'Intel(R) Xeon(R) Processor', memoryGiB: 24 };
const AMD = { cores: 2, cpu: 'AMD EPYC', memoryGiB: 24 };

function entry(commit: string, mpanDaysPerSecond: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return { at: '2026-12-01T00:00:00.000Z', commit, machine: INTEL, mpanDays: 200_000, mpanDaysPerSecond, stages: { read: mpanDaysPerSecond * 1.5, delivered: mpanDaysPerSecond }, checks: { deliveries: true, responses: true }, ...overrides };
}

describe('the bench against its history', () => {
  it('compares with the best earlier unprofiled run of the same size on the same machine, whose checks held', () => {
    const history = [
      entry('slowest', 500),
      entry('best', 700),
      entry('profiled', 900, { profiled: true }),
      entry('lost-mpan-days', 950, { checks: { deliveries: false, responses: true } }),
      entry('smaller', 990, { mpanDays: 20_000 }),
      entry('other-host', 1_100, { machine: AMD }),
    ];
    const comparison = compareWithHistory(entry('now', 560), history);
    expect(comparison.best?.commit).toBe('best');
    expect(comparison.ratio).toBeCloseTo(0.8);
    expect(comparison.stageRatios).toEqual({ read: 0.8, delivered: 0.8 });
    expect(comparison.elsewhere).toBe(1);
  });

  it('compares only with runs of its shape: replicas, brokers and the V8 flags every service was given', () => {
    const history = [
      entry('plain', 600),
      entry('replicated', 900, { shape: { replicas: 2, brokers: 3 } }),
      entry('capped', 950, { shape: { replicas: 1, brokers: 1, nodeOptions: '--max-old-space-size=160' } }),
    ];
    expect(compareWithHistory(entry('now', 600), history).best?.commit).toBe('plain');
    expect(compareWithHistory(entry('now', 600, { shape: { replicas: 1, brokers: 1 } }), history).best?.commit).toBe('plain');
    expect(compareWithHistory(entry('now', 600, { shape: { replicas: 1, brokers: 1, nodeOptions: '--max-old-space-size=160' } }), history).best?.commit).toBe('capped');
    expect(compareWithHistory(entry('now', 600, { shape: { replicas: 2, brokers: 3 } }), history).best?.commit).toBe('replicated');
  });

  it('says loudly when the run fell below the threshold, and plainly when it did not', () => {
    const history = [entry('best', 1_000)];
    const slower = entry('now', 1_000 * REGRESSION_RATIO - 1);
    const loud = describeComparison(slower, compareWithHistory(slower, history));
    expect(loud.join('\n')).toMatch(/SLOWER: 15 % below/);
    expect(loud.join('\n')).toContain('bisect with the 20,000 bench between best and this commit');
    const steady = entry('now', 1_000 * REGRESSION_RATIO + 1);
    const quiet = describeComparison(steady, compareWithHistory(steady, history));
    expect(quiet).toHaveLength(1);
    expect(quiet[0]).toMatch(/^851 MPAN-days\/s against the best earlier run of 200,000 on this machine, 1000 at best/);
  });

  it('never compares across machines: a first run on a host is the first figure to compare with', () => {
    const first = entry('now', 400);
    const lines = describeComparison(first, compareWithHistory(first, [entry('amd', 1_000, { machine: AMD })]));
    expect(lines).toEqual(['no earlier run of 200,000 MPAN-days on this machine (Intel(R) Xeon(R) Processor, 2 cores) (1 on other machines, not comparable: hosts differ twofold): this run is the first figure to compare with']);
  });
});
