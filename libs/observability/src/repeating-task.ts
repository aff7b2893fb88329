import { JsonLogger } from './logging/json-logger';
import { processWork, SettlingTask, WorkMonitor } from './simulation/work-monitor';

/** What one run found: nothing to do, work it did, or work it did with more waiting (run again at once). */
export type TaskRun = 'idle' | 'worked' | 'more';

export interface RepeatingTaskOptions {
  /**
   * False for a task whose work nothing else waits on (a gauge recount, a cache sweep): a
   * simulation moves the clock on without waiting for it to run. Default true.
   */
  waitedFor?: boolean;
  /**
   * The largest share of the time the task may spend in its runs: after a run of d ms it waits at
   * least d × (1 − share) / share, however short its interval. A recount whose scan grows with its
   * table (a day's items, the registry) so costs a bounded share of a database connection at any
   * size, and is refreshed less often as the table grows. Default: no bound.
   */
  busyShareAtMost?: number;
  monitor?: WorkMonitor;
  /** Where a run's length is read from (milliseconds); the real clock unless a test gives its own. */
  now?: () => number;
}

/**
 * Runs a piece of background work again and again — a relay, a planner's heartbeat, a gauge
 * recount: `intervalMs` after each run, or at once when the run says more work is waiting or
 * something nudged it. A run that fails is logged and the work runs again next time; `stop()`
 * waits for a run in progress, so a service can close its database after it.
 *
 * Unless nothing waits for it, the task reports to the process's work monitor: it is settled while
 * its last complete run found nothing to do and nothing has changed in the process since that run
 * began. A failed run is never settled: the work is still owed.
 */
export class RepeatingTask implements SettlingTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private inRun = false;
  private nudged = false;
  private stopped = true;
  private idleFrom?: number;
  private readonly monitor: WorkMonitor;
  private removeFromMonitor?: () => void;

  constructor(
    readonly name: string,
    private readonly work: () => Promise<TaskRun | void>,
    private readonly intervalMs: number,
    private readonly logger: JsonLogger,
    private readonly options: RepeatingTaskOptions = {},
  ) {
    this.monitor = options.monitor ?? processWork;
  }

  start(): void {
    this.stopped = false;
    if (this.options.waitedFor !== false) this.removeFromMonitor = this.monitor.addTask(this);
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.removeFromMonitor?.();
    clearTimeout(this.timer);
    await this.running;
  }

  settledAt(generation: number): boolean {
    return !this.inRun && this.idleFrom === generation;
  }

  nudge(): void {
    if (this.stopped) return;
    if (this.inRun) {
      this.nudged = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.runOnce();
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    this.inRun = true;
    this.nudged = false;
    const startedAt = this.monitor.generation;
    const now = this.options.now ?? Date.now;
    const began = now();
    let outcome: TaskRun | 'failed' = 'idle';
    try {
      outcome = (await this.work()) ?? 'idle';
    } catch (error) {
      outcome = 'failed';
      this.logger.warn({ err: error, task: this.name }, `${this.name} failed; it runs again next time`);
    }
    this.idleFrom = outcome === 'idle' ? startedAt : undefined;
    // Still in the run: with prompt tasks, the nudge this gives the task itself is remembered.
    if (outcome === 'worked' || outcome === 'more') this.monitor.changed(this.monitor.promptTasks);
    this.inRun = false;
    this.schedule(outcome === 'more' || this.nudged ? 0 : this.delayAfter(now() - began));
    this.monitor.taskRunEnded();
  }

  private delayAfter(runMs: number): number {
    const share = this.options.busyShareAtMost;
    return share === undefined ? this.intervalMs : Math.max(this.intervalMs, Math.round((runMs * (1 - share)) / share));
  }
}
