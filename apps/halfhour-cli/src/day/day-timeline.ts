import { acceleratedClock, addDays, CalendarDate, Clock, settlementDayStart } from '@halfhour/domain';
import { SimulatedTime, StepTiming } from '@halfhour/observability';

const HOUR_MS = 3_600_000;

/**
 * How the run's time passes. `stepped` (the default): the run owns every service's clock and moves
 * it a minute at a time, each step once the system has settled, never faster than the day's pace;
 * a loaded machine makes the run slower, never different. `free-running`: one accelerated clock
 * that runs on whatever the services manage, for the benchmark, which wants the system flat out.
 */
export type DayClockMode = 'stepped' | 'free-running';

/**
 * The run's clock and the moments of its day. The day starts two simulated hours before the
 * collection day (the scheduler plans it at 23:00) and ends when the collection day does: the
 * scheduled reads' TRT runs out at midnight.
 */
export class DayTimeline {
  /** Simulated seconds per real second: the pace of a stepped day at most, the speed of a free-running one. */
  readonly speed: number;
  readonly start: Date;
  readonly clock: Clock;
  /** The stepped clock's driver; absent when free-running. */
  readonly stepped?: SimulatedTime;
  /** How long each step took to take and to settle, for `steps.csv`. */
  readonly steps: StepTiming[] = [];
  private readonly realOrigin: Date;

  constructor(
    readonly collectionDay: CalendarDate,
    options: { mode: DayClockMode; daySeconds: number; setupSeconds: number; services: () => readonly string[] },
    realNow = Date.now(),
  ) {
    this.speed = 86_400 / options.daySeconds;
    this.start = this.at(-2);
    this.realOrigin = new Date(realNow + options.setupSeconds * 1000);
    if (options.mode === 'stepped') {
      const stepped = new SimulatedTime({ start: this.start, services: options.services, maxSpeed: this.speed, onStep: (step) => this.steps.push(step) });
      this.stepped = stepped;
      this.clock = { now: () => stepped.now() };
    } else {
      this.clock = acceleratedClock({ simulatedOrigin: this.start, realOrigin: this.realOrigin, speed: this.speed });
    }
  }

  /** Local hour of the collection day (negative: the day before; 24: its end). */
  at(hour: number): Date {
    return new Date(settlementDayStart(this.collectionDay).getTime() + hour * HOUR_MS);
  }

  get planAt(): Date {
    return this.at(-1);
  }

  get end(): Date {
    return settlementDayStart(addDays(this.collectionDay, 1));
  }

  /** Real milliseconds until a simulated instant at the run's speed (negative once it has passed). */
  realMsUntil(simulated: Date): number {
    return (simulated.getTime() - this.clock.now().getTime()) / this.speed;
  }

  /** The environment every service reads the run's clock from. */
  clockEnvironment(): Record<string, string> {
    if (this.stepped) return this.stepped.environment();
    return { CLOCK_MODE: 'accelerated', CLOCK_SPEED: String(this.speed), CLOCK_SIMULATED_ORIGIN: this.start.toISOString(), CLOCK_REAL_ORIGIN: this.realOrigin.toISOString() };
  }
}
