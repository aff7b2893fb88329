/**
 * Something a process still owes before it may call itself settled, beyond its own work in hand:
 * messages on its topics it has not consumed yet, say. Answers why it is not settled, or nothing.
 */
export interface SettleCheck {
  pending(): Promise<string | undefined>;
}

/** Background work that runs again and again (a relay, a scheduler's tick): see RepeatingTask. */
export interface SettlingTask {
  readonly name: string;
  /** True when its last complete run found nothing to do and began at `generation`. */
  settledAt(generation: number): boolean;
  /** Run as soon as possible: something may have become due. */
  nudge(): void;
}

export interface WorkStatus {
  /** Moves on whenever work begins or ends or the clock moves; equal readings mean nothing happened between them. */
  generation: number;
  settled: boolean;
  /** What the process is waiting for when it is not settled, in words for a person. */
  waitingFor: string[];
}

/**
 * What a process has in hand, so that a simulation runner can tell when the whole system has
 * settled — every message consumed, no batch or call in flight, every background task run once
 * since anything changed and found nothing to do — before it moves the clock on. A process is
 * settled at a generation; a runner that reads the same generation twice, settled both times, knows
 * nothing happened in that process between its readings.
 *
 * In production nobody asks; the bookkeeping is a few counters. With `promptTasks` (simulation),
 * every task is nudged when work ends, so a relay handles what a batch wrote without waiting out
 * its interval.
 */
export class WorkMonitor {
  private generationCount = 0;
  private readonly inFlight = new Map<string, number>();
  private readonly tasks = new Set<SettlingTask>();
  private readonly checks = new Map<string, SettleCheck>();
  private readonly quietWaiters = new Set<() => void>();
  promptTasks = false;

  get generation(): number {
    return this.generationCount;
  }

  /** Work begins (a batch, a call); the process is busy until the returned function is called. */
  begin(what: string): () => void {
    this.generationCount++;
    this.inFlight.set(what, (this.inFlight.get(what) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.inFlight.get(what) ?? 1) - 1;
      if (left > 0) this.inFlight.set(what, left);
      else this.inFlight.delete(what);
      this.changed(this.promptTasks);
    };
  }

  /** Something changed that may give a task work (work done, the clock moved). */
  changed(nudgeTasks = true): void {
    this.generationCount++;
    if (nudgeTasks) for (const task of this.tasks) task.nudge();
    this.wakeIfQuiet();
  }

  /** A task finished a run (tasks call this): the process may have gone quiet. */
  taskRunEnded(): void {
    this.wakeIfQuiet();
  }

  /**
   * Resolves once the process is quiet — no work in hand, every task settled at the current
   * generation — or after `timeoutMs`, whichever comes first; true if quiet. A runner waits on
   * this instead of asking again and again while the process works (its settle checks, such as
   * consumer lag, are still for `status` to run).
   */
  whenQuiet(timeoutMs: number): Promise<boolean> {
    if (this.isQuiet()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.quietWaiters.delete(wake);
        resolve(this.isQuiet());
      };
      const timer = setTimeout(wake, timeoutMs);
      this.quietWaiters.add(wake);
    });
  }

  private isQuiet(): boolean {
    if (this.inFlight.size > 0) return false;
    for (const task of this.tasks) if (!task.settledAt(this.generationCount)) return false;
    return true;
  }

  private wakeIfQuiet(): void {
    if (this.quietWaiters.size === 0 || !this.isQuiet()) return;
    for (const wake of [...this.quietWaiters]) wake();
  }

  addTask(task: SettlingTask): () => void {
    this.tasks.add(task);
    return () => {
      this.tasks.delete(task);
      this.wakeIfQuiet();
    };
  }

  addCheck(name: string, check: SettleCheck): () => void {
    this.checks.set(name, check);
    return () => this.checks.delete(name);
  }

  async status(): Promise<WorkStatus> {
    const generation = this.generationCount;
    const waitingFor = [...this.inFlight].map(([what, count]) => `${what} (${count} in hand)`);
    for (const task of this.tasks) if (!task.settledAt(generation)) waitingFor.push(`task "${task.name}" to run and find nothing to do`);
    if (waitingFor.length === 0) {
      for (const [name, check] of this.checks) {
        const reason = await check.pending();
        if (reason) waitingFor.push(`${name}: ${reason}`);
      }
    }
    if (this.generationCount !== generation) waitingFor.push('work that began while it was being looked at');
    return { generation: this.generationCount, settled: waitingFor.length === 0, waitingFor };
  }
}

/** This process's work monitor: every consumer and task of a service reports to it. */
export const processWork = new WorkMonitor();
