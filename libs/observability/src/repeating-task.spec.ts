import { createJsonLogger } from './logging/json-logger';
import { RepeatingTask, TaskRun } from './repeating-task';
import { WorkMonitor } from './simulation/work-monitor';

const logger = createJsonLogger('test', 'fatal');

describe('RepeatingTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once while work is waiting, then on its interval, and survives a failing run', async () => {
    const runs: number[] = [];
    let waiting = 3;
    const task = new RepeatingTask('test', async () => {
      runs.push(Date.now());
      if (runs.length === 5) throw new Error('boom');
      return --waiting > 0 ? 'more' : 'idle';
    }, 100, logger, { monitor: new WorkMonitor() });
    const start = Date.now();
    task.start();
    await jest.advanceTimersByTimeAsync(450);
    // Three runs back to back (a zero delay is a 1 ms timer in Node), then one each interval, the failing fifth included.
    expect(runs.map((at) => at - start)).toEqual([0, 1, 2, 102, 202, 302, 402]);
    await task.stop();
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toHaveLength(7);
  });

  it('spends at most its share of the time running: after a long run it waits the longer', async () => {
    const runs: number[] = [];
    let runMs = 4;
    // Each run's length is what the task's own clock says it took: the work moves that clock on.
    let worked = 0;
    const task = new RepeatingTask('recount', async () => {
      runs.push(Date.now());
      worked += runMs;
    }, 100, logger, { busyShareAtMost: 0.05, monitor: new WorkMonitor(), now: () => worked });
    const start = Date.now();
    task.start();
    await jest.advanceTimersByTimeAsync(250);
    // A 4 ms run is within a twentieth of its 100 ms interval: the interval holds.
    expect(runs.map((at) => at - start)).toEqual([0, 100, 200]);
    runMs = 400;
    await jest.advanceTimersByTimeAsync(7_700);
    // The run at 300 took 400 ms: the next waits 400 × 19 = 7,600 ms, not 100.
    expect(runs.map((at) => at - start)).toEqual([0, 100, 200, 300, 300 + 7_600]);
    await task.stop();
  });

  it('waits for a run in progress when stopped', async () => {
    let finished = false;
    const task = new RepeatingTask('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      finished = true;
    }, 1000, logger, { monitor: new WorkMonitor() });
    task.start();
    await jest.advanceTimersByTimeAsync(20);
    const stopped = task.stop();
    await jest.advanceTimersByTimeAsync(100);
    await stopped;
    expect(finished).toBe(true);
  });

  it('is settled only after a whole run found nothing to do since the last change, and a nudge runs it at once', async () => {
    const monitor = new WorkMonitor();
    let outcome: TaskRun = 'worked';
    const runs: number[] = [];
    const task = new RepeatingTask('relay', async () => {
      runs.push(Date.now());
      return outcome;
    }, 1000, logger, { monitor });
    const start = Date.now();
    task.start();
    await jest.advanceTimersByTimeAsync(0);
    expect((await monitor.status()).settled).toBe(false);
    outcome = 'idle';
    await jest.advanceTimersByTimeAsync(1000);
    expect(await monitor.status()).toMatchObject({ settled: true, waitingFor: [] });

    monitor.changed();
    expect((await monitor.status()).waitingFor).toEqual(['task "relay" to run and find nothing to do']);
    await jest.advanceTimersByTimeAsync(0);
    expect(runs.map((at) => at - start)).toEqual([0, 1000, 1000]);
    expect((await monitor.status()).settled).toBe(true);
    await task.stop();
  });

  it('never waits for a task that nothing waits for, and never settles after a failed run', async () => {
    const monitor = new WorkMonitor();
    const gauge = new RepeatingTask('gauge', async () => undefined, 60_000, logger, { monitor, waitedFor: false });
    const failing = new RepeatingTask('failing', async () => {
      throw new Error('database down');
    }, 100, logger, { monitor });
    gauge.start();
    failing.start();
    monitor.changed();
    await jest.advanceTimersByTimeAsync(500);
    expect((await monitor.status()).waitingFor).toEqual(['task "failing" to run and find nothing to do']);
    await Promise.all([gauge.stop(), failing.stop()]);
    expect((await monitor.status()).settled).toBe(true);
  });
});

describe('WorkMonitor', () => {
  it('is busy while work is in hand, asks its checks only when idle, and moves its generation on with every change', async () => {
    const monitor = new WorkMonitor();
    let lag = 2;
    monitor.addCheck('consumers', { pending: async () => (lag > 0 ? `${lag} messages to handle` : undefined) });
    const before = monitor.generation;
    const done = monitor.begin('batch of orders');
    expect(await monitor.status()).toMatchObject({ settled: false, waitingFor: ['batch of orders (1 in hand)'] });
    done();
    done();
    expect(await monitor.status()).toMatchObject({ settled: false, waitingFor: ['consumers: 2 messages to handle'] });
    lag = 0;
    const settled = await monitor.status();
    expect(settled).toMatchObject({ settled: true, generation: before + 2 });
  });

  it('wakes a waiter as soon as it goes quiet — work done and every task idle since — or when the wait runs out', async () => {
    jest.useFakeTimers();
    try {
      const monitor = new WorkMonitor();
      monitor.promptTasks = true;
      // Each run of the relay lasts until the test lets it finish: the first finds work, the next nothing.
      const finishRun: ((found: TaskRun) => void)[] = [];
      const relay = new RepeatingTask('relay', () => new Promise<TaskRun>((resolve) => finishRun.push(resolve)), 60_000, logger, { monitor });
      relay.start();
      let woken: boolean | undefined;
      const quiet = monitor.whenQuiet(10_000).then((isQuiet) => (woken = isQuiet));
      await jest.advanceTimersByTimeAsync(0);
      expect(finishRun).toHaveLength(1);

      // The run that worked nudges the relay into another run: not quiet yet.
      finishRun[0]('worked');
      await jest.advanceTimersByTimeAsync(0);
      expect(finishRun).toHaveLength(2);
      expect(woken).toBeUndefined();
      // That run finds nothing: quiet, and the waiter is woken at once, long before its 10 s.
      finishRun[1]('idle');
      await jest.advanceTimersByTimeAsync(0);
      expect(woken).toBe(true);
      expect(await quiet).toBe(true);

      const done = monitor.begin('batch of orders');
      const timedOut = monitor.whenQuiet(1000);
      await jest.advanceTimersByTimeAsync(1000);
      expect(await timedOut).toBe(false);
      const afterBatch = monitor.whenQuiet(1000);
      done();
      await jest.advanceTimersByTimeAsync(0);
      finishRun[finishRun.length - 1]('idle');
      await jest.advanceTimersByTimeAsync(0);
      expect(await afterBatch).toBe(true);
      await relay.stop();
    } finally {
      jest.useRealTimers();
    }
  });
});

