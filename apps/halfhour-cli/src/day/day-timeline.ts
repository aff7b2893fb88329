import { addDays, CalendarDate, Clock, settlementDayStart } from '@halfhour/domain';
import { SimulatedTime, StepTiming } from '@halfhour/observability';

const HOUR_MS = 3_600_000;

/**
 * How the run's time passes. `stepped` (the default): the run owns every service's clock and moves
 * it a minute at a time, each step once the system has settled, never faster than the day's pace;
 * a loaded machine makes the run slower, never different. `free-running`, for the benchmark, which
 * wants the system flat out: the clock stands still while the run sets up (however long loading
 * the registry takes on this machine), then runs on by itself at the day's speed.
 */
export type DayClockMode = 'stepped' | 'free-running';

/**
 * The run's clock and the moments of its days. The run starts two simulated hours before the first
 * collection day (the scheduler plans it at 23:00); each day ends when its collection day does (the
 * scheduled reads' TRT runs out at midnight), the run when the last one does.
 */
export class DayTimeline {
  /** Simulated seconds per real second: the pace of a stepped day at most, the speed of a free-running one. */
  readonly speed: number;
  readonly start: Date;
  readonly clock: Clock;
  /** How long each step took to take and to settle, for `steps.csv`. */
  readonly steps: StepTiming[] = [];
  private readonly time: SimulatedTime;

  constructor(
    readonly collectionDay: CalendarDate,
    private readonly options: { mode: DayClockMode; daySeconds: number; services: () => readonly string[]; days?: number },
  ) {
    this.speed = 86_400 / options.daySeconds;
    this.start = this.at(-2);
    const stepped = options.mode === 'stepped';
    this.time = new SimulatedTime({ start: this.start, services: options.services, maxSpeed: stepped ? this.speed : undefined, onStep: (step) => this.steps.push(step) });
    this.clock = { now: () => this.time.now() };
  }

  /** The stepped clock's driver; absent when free-running. */
  get stepped(): SimulatedTime | undefined {
    return this.options.mode === 'stepped' ? this.time : undefined;
  }

  /** Free-running: the set-up is done; once the system has settled, every clock runs on from the start at the day's speed. */
  async startRunning(): Promise<void> {
    if (this.stepped) throw new Error('a stepped day does not run freely');
    await this.time.settle();
    await this.time.runFreely(this.speed);
  }

  /** Local hour of the run's `day`th collection day (the first by default; negative: the day before; 24: its end). */
  at(hour: number, day = 0): Date {
    return new Date(settlementDayStart(this.collectionDayOf(day)).getTime() + hour * HOUR_MS);
  }

  /** How many collection days the run plays. */
  get days(): number {
    return this.options.days ?? 1;
  }

  collectionDayOf(day: number): CalendarDate {
    return addDays(this.collectionDay, day);
  }

  /** When the run's `day`th collection day ends. */
  dayEnd(day: number): Date {
    return settlementDayStart(this.collectionDayOf(day + 1));
  }

  get planAt(): Date {
    return this.at(-1);
  }

  get end(): Date {
    return this.dayEnd(this.days - 1);
  }

  /** Real milliseconds until a simulated instant at the run's speed (negative once it has passed). */
  realMsUntil(simulated: Date): number {
    return (simulated.getTime() - this.clock.now().getTime()) / this.speed;
  }

  /** The environment every service reads the run's clock from. */
  clockEnvironment(): Record<string, string> {
    return this.time.environment();
  }
}
