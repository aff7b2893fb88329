import { acceleratedClock, addDays, CalendarDate, Clock, settlementDayStart } from '@halfhour/domain';

const HOUR_MS = 3_600_000;

/**
 * The run's shared accelerated clock and the moments of its day. The day starts two simulated hours
 * before the collection day (the scheduler plans it at 23:00) and ends when the collection day
 * does: the scheduled reads' TRT runs out at midnight.
 */
export class DayTimeline {
  readonly speed: number;
  readonly simulatedOrigin: Date;
  readonly realOrigin: Date;
  readonly clock: Clock;

  constructor(readonly collectionDay: CalendarDate, daySeconds: number, setupSeconds: number, realNow = Date.now()) {
    this.speed = 86_400 / daySeconds;
    this.simulatedOrigin = this.at(-2);
    this.realOrigin = new Date(realNow + setupSeconds * 1000);
    this.clock = acceleratedClock({ simulatedOrigin: this.simulatedOrigin, realOrigin: this.realOrigin, speed: this.speed });
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

  /** Real milliseconds until a simulated instant (negative once it has passed). */
  realMsUntil(simulated: Date): number {
    return (simulated.getTime() - this.clock.now().getTime()) / this.speed;
  }

  /** Simulated seconds that last `realSeconds` in the run. */
  simulatedSeconds(realSeconds: number): number {
    return Math.round(realSeconds * this.speed);
  }

  /** The environment every service reads the shared clock from. */
  clockEnvironment(): Record<string, string> {
    return { CLOCK_SPEED: String(this.speed), CLOCK_SIMULATED_ORIGIN: this.simulatedOrigin.toISOString(), CLOCK_REAL_ORIGIN: this.realOrigin.toISOString() };
  }
}
