import { acceleratedClock, Clock } from '@halfhour/domain';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimulationClockState } from './simulation-clock.controller';

export interface SimulatedTimeOptions {
  /** Where the clock stands when the run begins; every service starts with it (CLOCK_SIMULATED_ORIGIN). */
  start: Date;
  /** The base URLs of the processes on this clock, asked afresh each time (processes come and go). */
  services: () => readonly string[];
  /** Simulated milliseconds the clock moves in one step (default a minute, the shortest slot). */
  stepMs?: number;
  /** At most this many simulated milliseconds per real one, a pace a person can follow; unbounded when absent. */
  maxSpeed?: number;
  /** Real milliseconds without settling before a wait gives up, naming what it waited for: a deadlock guard, not a speed limit. */
  stallAfterMs?: number;
  /** Told after each step how long it took: where a slow run spends its time. */
  onStep?: (step: StepTiming) => void;
}

/** One step of the clock in real time: moving every clock, then settling (in rounds of looks at every process). */
export interface StepTiming {
  at: Date;
  stepMs: number;
  settleMs: number;
  looks: number;
}

/** How long one look waits in a busy process for it to go quiet before answering. */
const QUIET_WAIT_MS = 2000;
/** The longest pause between looks at a system that is quiet but not yet settled. */
const MAX_PAUSE_MS = 64;

/** `advanceUntil`'s condition did not hold by its latest time. */
export class ConditionNotMet extends Error {}

/**
 * The runner's side of simulated time: it owns the clock of every service in a run, and moves it
 * one step at a time, each step only once the whole system has settled — every process reports
 * no work in hand, no message unconsumed and every task idle, twice over with nothing happening
 * between the readings. A machine that is slow or busy makes the run take longer; it never makes
 * a read late or a request stale.
 */
export class SimulatedTime {
  private current: Date;
  private readonly stepMs: number;
  private lastStepAt = 0;
  private looksSoFar = 0;
  private freeRun?: { settings: { simulatedOrigin: Date; realOrigin: Date; speed: number }; clock: Clock };
  /** What the last look found the system waiting for (empty once settled). */
  waitingFor: string[] = [];
  /** Told every few seconds while a wait to settle goes on, with what the system is waiting for. */
  onSlowSettle?: (waitingFor: readonly string[]) => void;

  constructor(private readonly options: SimulatedTimeOptions) {
    this.current = options.start;
    this.stepMs = options.stepMs ?? 60_000;
    if (!(this.stepMs > 0)) throw new RangeError(`a step must be positive, not ${this.stepMs} ms`);
  }

  now(): Date {
    return this.freeRun ? this.freeRun.clock.now() : this.current;
  }

  /** The settings a service needs to run on this clock (it starts where the clock stands now). */
  environment(): Record<string, string> {
    if (this.freeRun) {
      const { settings } = this.freeRun;
      return { CLOCK_MODE: 'accelerated', CLOCK_SPEED: String(settings.speed), CLOCK_SIMULATED_ORIGIN: settings.simulatedOrigin.toISOString(), CLOCK_REAL_ORIGIN: settings.realOrigin.toISOString() };
    }
    return { CLOCK_MODE: 'stepped', CLOCK_SIMULATED_ORIGIN: this.current.toISOString() };
  }

  /**
   * Lets every process's clock, and this runner's, run on by themselves from where they stand, at
   * `speed` simulated milliseconds per real one, all from the same real instant: the benchmark
   * sets up on stepped time (however long that takes) and then runs the day flat out. There is no
   * stepping after this.
   */
  async runFreely(speed: number): Promise<void> {
    if (this.freeRun) throw new Error('the clock already runs freely');
    const settings = { simulatedOrigin: this.current, realOrigin: new Date(), speed };
    this.freeRun = { settings, clock: acceleratedClock(settings) };
    const runFreely = { realOrigin: settings.realOrigin.toISOString(), speed };
    await Promise.all(this.options.services().map((url) => this.put(url, 0, { runFreely })));
  }

  /**
   * Waits until every process has settled at the current time. Each look waits in the process
   * until it has gone quiet (up to QUIET_WAIT_MS), so a busy system is not asked again and again
   * while it works; a process that is quiet but still owes something (messages it has not fetched
   * yet, a restart) is looked at again after a pause that doubles up to MAX_PAUSE_MS.
   */
  async settle(firstReading?: readonly Look[]): Promise<void> {
    const stallAt = Date.now() + (this.options.stallAfterMs ?? 300_000);
    let toldAt = Date.now();
    let previous = firstReading?.every((l) => l.settled) ? generationsOf(firstReading) : undefined;
    let pauseMs = 0;
    for (;;) {
      this.looksSoFar++;
      const looks = await Promise.all(this.options.services().map((url) => this.look(url)));
      const unsettled = looks.filter((l) => !l.settled);
      const generations = generationsOf(looks);
      if (unsettled.length === 0 && previous && sameGenerations(previous, generations)) {
        this.waitingFor = [];
        return;
      }
      this.waitingFor = unsettled.flatMap((l) => l.waitingFor.map((w) => `${l.url}: ${w}`));
      previous = unsettled.length === 0 ? generations : undefined;
      if (Date.now() > stallAt) throw new Error(`the system did not settle at ${this.current.toISOString()}; still waiting for: ${this.waitingFor.join('; ') || 'nothing named'}`);
      if (this.onSlowSettle && Date.now() - toldAt > 3000 && this.waitingFor.length > 0) {
        toldAt = Date.now();
        this.onSlowSettle(this.waitingFor);
      }
      pauseMs = unsettled.length === 0 ? 0 : Math.min(MAX_PAUSE_MS, Math.max(1, pauseMs * 2));
      if (pauseMs > 0) await sleep(pauseMs);
    }
  }

  /** Settles, then moves the clock a step at a time to `target`, settling after each step. */
  async advanceTo(target: Date, afterEachStep: (now: Date) => Promise<void> | void = () => undefined): Promise<void> {
    if (this.freeRun) throw new Error('a clock that runs freely is not stepped');
    await this.settle();
    while (this.current < target) {
      await this.pace();
      const stepStartedAt = Date.now();
      const looksBefore = this.looksSoFar;
      this.current = new Date(Math.min(target.getTime(), this.current.getTime() + this.stepMs));
      // The step's answers are the first reading of the settle that follows. A process that does
      // not take the step now (restarting) is brought up to time when next looked at.
      const stepped = await Promise.all(this.options.services().map(async (url): Promise<Look> => {
        try {
          return { url, ...(await this.put(url, QUIET_WAIT_MS)) };
        } catch {
          return { url, settled: false, generation: -1, waitingFor: [] };
        }
      }));
      const settleStartedAt = Date.now();
      await this.settle(stepped);
      this.options.onStep?.({ at: this.current, stepMs: settleStartedAt - stepStartedAt, settleMs: Date.now() - settleStartedAt, looks: this.looksSoFar - looksBefore });
      await afterEachStep(this.current);
    }
  }

  /**
   * Moves the clock on a step at a time until `condition` holds once the system has settled;
   * answers the time it first held. Throws ConditionNotMet if it does not hold by `latest`.
   */
  async advanceUntil(condition: () => Promise<boolean> | boolean, latest: Date): Promise<Date> {
    await this.settle();
    while (!(await condition())) {
      if (this.current >= latest) throw new ConditionNotMet(`the condition did not hold by ${latest.toISOString()}`);
      await this.advanceTo(new Date(Math.min(latest.getTime(), this.current.getTime() + this.stepMs)));
    }
    return this.current;
  }

  advanceBy(ms: number, afterEachStep?: (now: Date) => Promise<void> | void): Promise<void> {
    return this.advanceTo(new Date(this.current.getTime() + ms), afterEachStep);
  }

  private async pace(): Promise<void> {
    if (this.options.maxSpeed) {
      const due = this.lastStepAt + this.stepMs / this.options.maxSpeed;
      if (Date.now() < due) await sleep(due - Date.now());
    }
    this.lastStepAt = Date.now();
  }

  /** One process's state; a process whose clock is behind (restarted) is brought up to the run's time. */
  private async look(url: string): Promise<Look> {
    try {
      const response = await fetch(`${url}/simulation/clock?waitMs=${QUIET_WAIT_MS}`);
      if (!response.ok) return { url, settled: false, generation: -1, waitingFor: [`its clock answered ${response.status}`] };
      let state = (await response.json()) as SimulationClockState;
      if (Date.parse(state.now) < this.current.getTime()) state = await this.put(url);
      if (Date.parse(state.now) > this.current.getTime()) throw new Error(`${url} is at ${state.now}, ahead of the run's clock at ${this.current.toISOString()}`);
      return { url, settled: state.settled, generation: state.generation, waitingFor: state.waitingFor };
    } catch (error) {
      if (error instanceof Error && error.message.includes('ahead of the run')) throw error;
      return { url, settled: false, generation: -1, waitingFor: [`not answering (${error instanceof Error ? error.message : String(error)})`] };
    }
  }

  private async put(url: string, waitMs = 0, more: object = {}): Promise<SimulationClockState> {
    const response = await fetch(`${url}/simulation/clock?waitMs=${waitMs}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: this.current.toISOString(), ...more }),
    });
    if (!response.ok) throw new Error(`${url} refused the clock: ${response.status} ${await response.text()}`);
    return (await response.json()) as SimulationClockState;
  }
}

interface Look {
  url: string;
  settled: boolean;
  generation: number;
  waitingFor: string[];
}

function generationsOf(looks: readonly Look[]): Map<string, number> {
  return new Map(looks.map((l) => [l.url, l.generation]));
}

function sameGenerations(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([url, generation]) => b.get(url) === generation);
}
