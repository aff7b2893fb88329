import { addDays, Clock, settlementDayOf } from '@halfhour/domain';
import { TopicCatchUp } from '@halfhour/kafka';
import { TaskRun } from '@halfhour/observability';
import { CapacityChanges } from './capacity/capacity-changes';
import { Dispatcher } from './dispatch/dispatcher';
import { DailyPlanner } from './planning/daily-planner';
import { Housekeeping } from './planning/housekeeping';
import { OnDemandExpansions } from './requests/on-demand-expansions';
import { SlotPlacer } from './planning/slot-placer';

export interface LoopSettings {
  batchSize: number;
  noResponseAfterMs: number;
}

/**
 * The scheduler's heartbeat, on the shared clock: plan today if no plan stands yet, fail reads left
 * unanswered, re-plan a provider that went out or came back, turn the next month of long on-demand requests into items,
 * give waiting items a slot, dispatch what is due, expire what is past its deadline.
 * Nothing runs until the registry view and the authorised requests have been read to their end
 * once: a plan on a half-loaded view would stop schedules whose MPANs are simply not loaded yet,
 * and a plan made before the schedules are read would leave them out of the day.
 */
export class SchedulerLoop {
  constructor(
    private readonly clock: Clock,
    private readonly inputsRead: readonly TopicCatchUp[],
    private readonly planner: DailyPlanner,
    private readonly placer: SlotPlacer,
    private readonly dispatcher: Dispatcher,
    private readonly housekeeping: Housekeeping,
    private readonly capacityChanges: Pick<CapacityChanges, 'replanForOutages'>,
    private readonly expansions: Pick<OnDemandExpansions, 'expandSome'>,
    private readonly settings: LoopSettings,
  ) {}

  /** One tick; says whether it changed anything, so a simulation knows when the scheduler has settled. */
  async tick(): Promise<TaskRun> {
    for (const input of this.inputsRead) if (!(await input.isCaughtUp())) return 'idle';
    const now = this.clock.now();
    const today = settlementDayOf(now);
    let changed = Number(await this.planner.planIfNeeded(today, now));
    changed += await this.housekeeping.failUnanswered(now, this.settings.noResponseAfterMs, this.settings.batchSize);
    changed += await this.capacityChanges.replanForOutages(now);
    changed += await this.expansions.expandSome(now, this.settings.batchSize);
    changed += await this.placer.placeWaiting(now, this.settings.batchSize);
    for (let sent = this.settings.batchSize; sent === this.settings.batchSize; changed += sent) sent = await this.dispatcher.dispatchDue(now, this.settings.batchSize);
    changed += await this.housekeeping.expirePastDeadline(now, this.settings.batchSize);
    // Plan tomorrow as soon as the clock is into its last hour, so its night slots are ready.
    if (settlementDayOf(new Date(now.getTime() + 3600_000)) !== today) changed += Number(await this.planner.planIfNeeded(addDays(today, 1), now));
    return changed > 0 ? 'worked' : 'idle';
  }
}
