/**
 * The one source of "now" for every service. In production it is the system clock. In simulation
 * (tests, `npm start`, the bench) a runner owns the time: every service holds a stepped clock that
 * the runner moves forward only when the whole system has settled (libs/observability
 * `simulation/`), so a slow or loaded machine changes how long a run takes, never what happens in
 * it. An accelerated clock that runs on by itself remains for free-running demos.
 */
export interface Clock {
  now(): Date;
  /** Its milliseconds per real millisecond while it runs by itself (1: the system clock); absent while it stands still between a runner's steps. */
  readonly speed?: number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  speed: 1,
};

/**
 * How long on `clock` a span of real time is, for a lease that must outlast real work (a publish,
 * a round of calls): as long on the system clock, `speed` times as long on a simulated clock
 * running by itself, and as long on a stepped clock, whose next step (a minute) ends it — as the
 * lease of a relay that died must end once the system has settled.
 */
export function clockSecondsFor(clock: Clock, realSeconds: number): number {
  return realSeconds * (clock.speed ?? 1);
}

/**
 * Time that stands still until it is moved: `advanceTo` moves it forward, never back, so every
 * reading is at or after the previous one. `runFreely` lets it go on by itself from where it
 * stands, as an accelerated clock (a benchmark sets up on stepped time, then runs flat out).
 */
export class SteppedClock implements Clock {
  private current: number;
  private running?: Clock;

  constructor(
    start: Date,
    private readonly realNow: () => number = Date.now,
  ) {
    if (Number.isNaN(start.getTime())) throw new RangeError('a stepped clock needs a valid start instant');
    this.current = start.getTime();
  }

  now(): Date {
    return this.running ? this.running.now() : new Date(this.current);
  }

  get speed(): number | undefined {
    return this.running?.speed;
  }

  get isRunningFreely(): boolean {
    return this.running !== undefined;
  }

  /** Moves the clock to `instant` if that is later; answers whether it moved. A clock running freely is not moved. */
  advanceTo(instant: Date): boolean {
    const target = instant.getTime();
    if (Number.isNaN(target)) throw new RangeError('cannot move a clock to an invalid instant');
    if (this.running || target <= this.current) return false;
    this.current = target;
    return true;
  }

  /**
   * From now on the clock runs by itself at `speed`, standing where it stands at `realOrigin` (a
   * real instant every process is given alike, so all agree without talking). An origin in the
   * future would read earlier times until it came: refused, as that would move the clock back.
   */
  runFreely(realOrigin: Date, speed: number): void {
    if (this.running) throw new RangeError('the clock already runs freely');
    if (!(realOrigin.getTime() <= this.realNow())) throw new RangeError(`a clock cannot start running at ${realOrigin.toISOString()}, a real instant still to come`);
    this.running = acceleratedClock({ simulatedOrigin: new Date(this.current), realOrigin, speed }, this.realNow);
  }
}

export interface AcceleratedClockSettings {
  /** The simulated instant at `realOrigin`. */
  simulatedOrigin: Date;
  realOrigin: Date;
  /** Simulated milliseconds per real millisecond. */
  speed: number;
}

/** Free-running simulated time: every process with the same settings agrees on it without talking. */
export function acceleratedClock(settings: AcceleratedClockSettings, realNow: () => number = Date.now): Clock {
  if (!(settings.speed > 0)) throw new RangeError(`clock speed must be positive, not ${settings.speed}`);
  const simulatedOrigin = settings.simulatedOrigin.getTime();
  const realOrigin = settings.realOrigin.getTime();
  return {
    now: () => new Date(simulatedOrigin + (realNow() - realOrigin) * settings.speed),
    speed: settings.speed,
  };
}
