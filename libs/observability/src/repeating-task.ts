import { JsonLogger } from './logging/json-logger';

/**
 * Runs a piece of background work again and again — a relay, a planner's heartbeat, a gauge
 * recount: `intervalMs` after each run, or at once when the run says more work is waiting. A run
 * that fails is logged and the work runs again next time; `stop()` waits for a run in progress,
 * so a service can close its database after it.
 */
export class RepeatingTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly name: string,
    /** Resolves true when more work is waiting. */
    private readonly work: () => Promise<boolean | void>,
    private readonly intervalMs: number,
    private readonly logger: JsonLogger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce();
    }, delayMs);
  }

  private async runOnce(): Promise<void> {
    let moreWaiting = false;
    try {
      moreWaiting = (await this.work()) === true;
    } catch (error) {
      this.logger.warn({ err: error, task: this.name }, `${this.name} failed; it runs again next time`);
    }
    this.schedule(moreWaiting ? 0 : this.intervalMs);
  }
}
