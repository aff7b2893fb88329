import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JsonLogger } from './logging/json-logger';
import { JSON_LOGGER } from './observability.tokens';
import { RepeatingTask, RepeatingTaskOptions, TaskRun } from './repeating-task';

/** The largest share of the time a measuring task may spend running. */
const MEASURING_BUSY_SHARE = 0.05;

/**
 * A service's background work, with the service's lifecycle: every task registered starts when the
 * application has bootstrapped (at once if it registers later) and is stopped, a run in progress
 * awaited, when the application shuts down — before its database and producer close, which happens
 * in the later shutdown hook. One place for start and stop, so no task is forgotten at either end.
 */
@Injectable()
export class PeriodicTasks implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly tasks: RepeatingTask[] = [];
  private phase: 'registering' | 'running' | 'stopped' = 'registering';

  constructor(@Inject(JSON_LOGGER) private readonly logger: JsonLogger) {}

  /** Runs `work` `intervalMs` after each run (at once when it says 'more' or is nudged); see RepeatingTask. */
  every(intervalMs: number, name: string, work: () => Promise<TaskRun | void>, options?: RepeatingTaskOptions): RepeatingTask {
    const task = new RepeatingTask(name, work, intervalMs, this.logger, options);
    this.tasks.push(task);
    if (this.phase === 'running') task.start();
    return task;
  }

  /**
   * Runs `work` on an interval that nothing else waits on (a gauge recount, a sweep): a simulation
   * does not wait for it, and it spends at most a twentieth of the time running (a recount of a
   * national day's items taking 10 s runs every 200 s at most, whatever its interval).
   */
  measureEvery(intervalMs: number, name: string, work: () => Promise<unknown>): RepeatingTask {
    return this.every(intervalMs, name, async () => void (await work()), { waitedFor: false, busyShareAtMost: MEASURING_BUSY_SHARE });
  }

  onApplicationBootstrap(): void {
    if (this.phase !== 'registering') return;
    this.phase = 'running';
    for (const task of this.tasks) task.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.phase = 'stopped';
    await Promise.all(this.tasks.map((task) => task.stop()));
  }
}
