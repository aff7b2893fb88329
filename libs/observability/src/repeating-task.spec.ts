import { createJsonLogger } from './logging/json-logger';
import { RepeatingTask } from './repeating-task';

const logger = createJsonLogger('test', 'fatal');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RepeatingTask', () => {
  it('runs at once while work is waiting, then on its interval, and survives a failing run', async () => {
    const runs: number[] = [];
    let waiting = 3;
    const task = new RepeatingTask('test', async () => {
      runs.push(Date.now());
      if (runs.length === 5) throw new Error('boom');
      return --waiting > 0;
    }, 100, logger);
    task.start();
    await sleep(450);
    await task.stop();
    const count = runs.length;
    expect(runs[2] - runs[0]).toBeLessThan(50);
    expect(runs[3] - runs[2]).toBeGreaterThanOrEqual(95);
    expect(count).toBeGreaterThanOrEqual(6);
    await sleep(150);
    expect(runs.length).toBe(count);
  });

  it('waits for a run in progress when stopped', async () => {
    let finished = false;
    const task = new RepeatingTask('slow', async () => {
      await sleep(100);
      finished = true;
    }, 1000, logger);
    task.start();
    await sleep(20);
    await task.stop();
    expect(finished).toBe(true);
  });
});
