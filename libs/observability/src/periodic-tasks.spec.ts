import { createJsonLogger } from './logging/json-logger';
import { PeriodicTasks } from './periodic-tasks';
import { WorkMonitor } from './simulation/work-monitor';

describe('PeriodicTasks', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const monitor = new WorkMonitor();
  const counting = () => {
    const runs = { count: 0 };
    return { runs, work: async () => void runs.count++ };
  };

  it('starts what was registered only once the application has bootstrapped, and what comes later at once', async () => {
    const tasks = new PeriodicTasks(createJsonLogger('test', 'fatal'));
    const early = counting();
    tasks.every(100, 'early', early.work, { monitor });
    await jest.advanceTimersByTimeAsync(500);
    expect(early.runs.count).toBe(0);

    tasks.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(250);
    expect(early.runs.count).toBe(3);

    const late = counting();
    tasks.every(100, 'late', late.work, { monitor });
    await jest.advanceTimersByTimeAsync(50);
    expect(late.runs.count).toBe(1);
    await tasks.onModuleDestroy();
  });

  it('stops every task at shutdown, waiting for a run in progress, and starts none after it', async () => {
    const tasks = new PeriodicTasks(createJsonLogger('test', 'fatal'));
    let finished = false;
    let started = false;
    let finishRun!: () => void;
    const runMayFinish = new Promise<void>((resolve) => (finishRun = resolve));
    tasks.every(1000, 'slow', async () => {
      started = true;
      await runMayFinish;
      finished = true;
    }, { monitor });
    const gauge = counting();
    tasks.every(10, 'gauge', gauge.work, { monitor });
    tasks.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(20);
    expect(started).toBe(true);

    let stoppedYet = false;
    const stopped = tasks.onModuleDestroy().then(() => void (stoppedYet = true));
    await jest.advanceTimersByTimeAsync(100);
    // Shutdown waits for the run in progress, however long it takes.
    expect(stoppedYet).toBe(false);
    finishRun();
    await stopped;
    expect(finished).toBe(true);
    const runsAtStop = gauge.runs.count;
    const afterShutdown = counting();
    tasks.every(10, 'after shutdown', afterShutdown.work, { monitor });
    await jest.advanceTimersByTimeAsync(1000);
    expect(gauge.runs.count).toBe(runsAtStop);
    expect(afterShutdown.runs.count).toBe(0);
  });
});
