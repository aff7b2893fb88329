import { Clock, SteppedClock } from '@halfhour/domain';

export interface SimulatorClockState {
  now: string;
  generation: number;
  settled: boolean;
  waitingFor: string[];
}

/**
 * SIMULATOR: the run's time as the provider simulator sees it, so its slots are the run's slots.
 * A stepped clock from `start` (CLOCK_MODE=stepped, as the run starts every service), else the
 * system clock until a runner first sets it; the runner moves it with the same
 * `/simulation/clock` exchange every service answers (libs/observability SimulatedTime). Settled
 * whenever no read is in flight.
 */
export class SimulatorClock implements Clock {
  private stepped?: SteppedClock;

  constructor(start?: Date) {
    if (start) this.stepped = new SteppedClock(start);
  }

  static fromConfig(config: { CLOCK_MODE: string; CLOCK_SIMULATED_ORIGIN?: string; CLOCK_REAL_ORIGIN?: string; CLOCK_SPEED: number }): SimulatorClock {
    if (config.CLOCK_MODE === 'system') return new SimulatorClock();
    if (!config.CLOCK_SIMULATED_ORIGIN) throw new RangeError(`CLOCK_MODE ${config.CLOCK_MODE} needs CLOCK_SIMULATED_ORIGIN`);
    const clock = new SimulatorClock(new Date(config.CLOCK_SIMULATED_ORIGIN));
    if (config.CLOCK_MODE === 'accelerated') {
      if (!config.CLOCK_REAL_ORIGIN) throw new RangeError('CLOCK_MODE accelerated needs CLOCK_REAL_ORIGIN');
      clock.advance({ now: config.CLOCK_SIMULATED_ORIGIN, runFreely: { realOrigin: config.CLOCK_REAL_ORIGIN, speed: config.CLOCK_SPEED } });
    }
    return clock;
  }

  private generation = 0;
  private inFlight = 0;
  private waiters: (() => void)[] = [];

  now(): Date {
    return this.stepped ? this.stepped.now() : new Date();
  }

  /** Moves to `now` (never back); with `runFreely`, runs on by itself from there. Throws a RangeError for a bad body. */
  advance(body: { now?: unknown; runFreely?: { realOrigin?: unknown; speed?: unknown } }): void {
    const instant = typeof body?.now === 'string' ? new Date(body.now) : undefined;
    if (!instant || Number.isNaN(instant.getTime())) throw new RangeError('body must be {"now": "<UTC instant>"}');
    if (!this.stepped) this.stepped = new SteppedClock(instant);
    else this.stepped.advanceTo(instant);
    const run = body.runFreely;
    if (run && !this.stepped.isRunningFreely) {
      const realOrigin = typeof run.realOrigin === 'string' ? new Date(run.realOrigin) : new Date(NaN);
      if (Number.isNaN(realOrigin.getTime()) || typeof run.speed !== 'number' || !(run.speed > 0)) throw new RangeError('runFreely must be {"realOrigin": "<UTC instant>", "speed": <above 0>}');
      this.stepped.runFreely(realOrigin, run.speed);
    }
    this.generation++;
  }

  /** A read arrived; `end` when it is answered. */
  begin(): void {
    this.inFlight++;
    this.generation++;
  }

  end(): void {
    this.inFlight--;
    this.generation++;
    if (this.inFlight === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** The state once no read is in flight, or after `waitMs`. */
  async state(waitMs = 0): Promise<SimulatorClockState> {
    if (this.inFlight > 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
    const settled = this.inFlight === 0;
    return { now: this.now().toISOString(), generation: this.generation, settled, waitingFor: settled ? [] : [`${this.inFlight} provider reads in flight`] };
  }
}
