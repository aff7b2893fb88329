import { addDays, Clock, settlementDayOf } from '@halfhour/domain';
import { TopicCatchUp } from '@halfhour/kafka';
import { JsonLogger } from '@halfhour/observability';
import { Dispatcher } from './dispatch/dispatcher';
import { DailyPlanner } from './planning/daily-planner';
import { Housekeeping } from './planning/housekeeping';
import { SlotPlacer } from './planning/slot-placer';

export interface LoopSettings {
  tickIntervalMs: number;
  batchSize: number;
  noResponseAfterMs: number;
}

/**
 * The scheduler's heartbeat, on the shared clock: plan today if no plan stands yet, fail reads left
 * unanswered, give waiting items a slot, dispatch what is due, expire what is past its deadline.
 * Nothing runs until the registry view and the authorised requests have been read to their end
 * once: a plan on a half-loaded view would stop schedules whose MPANs are simply not loaded yet,
 * and a plan made before the schedules are read would leave them out of the day.
 */
export class SchedulerLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly inputsRead: readonly TopicCatchUp[],
    private readonly planner: DailyPlanner,
    private readonly placer: SlotPlacer,
    private readonly dispatcher: Dispatcher,
    private readonly housekeeping: Housekeeping,
    private readonly settings: LoopSettings,
    private readonly logger: JsonLogger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  async tick(): Promise<void> {
    for (const input of this.inputsRead) if (!(await input.isCaughtUp())) return;
    const now = this.clock.now();
    const today = settlementDayOf(now);
    await this.planner.planIfNeeded(today, now);
    await this.housekeeping.failUnanswered(now, this.settings.noResponseAfterMs, this.settings.batchSize);
    await this.placer.placeWaiting(now, this.settings.batchSize);
    while ((await this.dispatcher.dispatchDue(now, this.settings.batchSize)) === this.settings.batchSize && !this.stopped);
    await this.housekeeping.expirePastDeadline(now, this.settings.batchSize);
    // Plan tomorrow as soon as the clock is into its last hour, so its night slots are ready.
    if (settlementDayOf(new Date(now.getTime() + 3600_000)) !== today) await this.planner.planIfNeeded(addDays(today, 1), now);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .catch((error: unknown) => this.logger.error({ err: error }, 'scheduler tick failed; it runs again next tick'))
        .finally(() => this.schedule(this.settings.tickIntervalMs));
    }, delayMs);
  }
}
