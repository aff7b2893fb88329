import { BacklogRecount } from './backlog-recount';

/** A relay's backlog as the database would count it, and how often it was asked. */
function backlogOf(waiting: number[], owns = true, freshZero = false) {
  let now = 0;
  const counts: number[] = [];
  const gauges = { measure: async (measure: () => Promise<unknown>) => (owns ? (await measure(), true) : false) };
  const recount = new BacklogRecount(gauges, async () => {
    counts.push(now);
    return waiting.shift() ?? 0;
  }, { intervalMs: 5_000, freshZero, now: () => now });
  return { recount, counts, advance: (ms: number) => (now += ms) };
}

describe('when a relay recounts its backlog', () => {
  it('counts on its first run, then at most every interval while it works', async () => {
    const { recount, counts, advance } = backlogOf([900, 700, 400]);
    for (let run = 0; run < 30; run++) {
      await recount.afterRun(true);
      advance(400);
    }
    // 30 runs over 12 s: at 0, 5.2 and 10.4 s.
    expect(counts).toEqual([0, 5_200, 10_400]);
  });

  it('with freshZero, counts on every run that works after a count of none: a gauge at 0 is never more than a run old', async () => {
    const { recount, counts, advance } = backlogOf([0, 0, 40, 0], true, true);
    for (let run = 0; run < 4; run++) {
      await recount.afterRun(run > 0);
      advance(100);
    }
    // Runs 1 and 2 worked after counts of none; run 3 worked after a count of 40, within the interval.
    expect(counts).toEqual([0, 100, 200]);
  });

  it('without freshZero, waits out the interval after a count of none too (a count that stays dear)', async () => {
    const { recount, counts, advance } = backlogOf([0, 0, 40, 0]);
    for (let run = 0; run < 4; run++) {
      await recount.afterRun(run > 0);
      advance(100);
    }
    expect(counts).toEqual([0]);
  });

  it('counts once when the relay goes idle after a count that was not empty, and not again while idle', async () => {
    const { recount, counts, advance } = backlogOf([300, 0]);
    await recount.afterRun(true);
    advance(100);
    await recount.afterRun(false);
    advance(100);
    await recount.afterRun(false);
    await recount.afterRun(false);
    expect(counts).toEqual([0, 100]);
  });

  it('counts again on an idle run while the last count still saw work waiting (held by another replica, say)', async () => {
    const { recount, counts, advance } = backlogOf([50, 50, 0]);
    for (let run = 0; run < 4; run++) {
      await recount.afterRun(false);
      advance(10);
    }
    expect(counts).toEqual([0, 10, 20]);
  });

  it('asks on every run on a replica that does not own the gauges (it clears them) and never counts', async () => {
    const { recount, counts } = backlogOf([10], false);
    await recount.afterRun(true);
    await recount.afterRun(true);
    expect(counts).toEqual([]);
  });
});
