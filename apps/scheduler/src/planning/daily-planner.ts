import { addDays, daySlots, DaySlots, PlacementTally, planScheduledClasses, settlementDayStart, tallyScheduled } from '@halfhour/domain';
import { JsonLogger } from '@halfhour/observability';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { DayDemandPages, MPANS_PER_PAGE } from './day-demand-pages';
import { PlanPageWriter } from './plan-page-writer';
import { PlanRunRepository } from './plan-run-repository';
import { loadsBySlot } from './slot-loads';

/**
 * Makes a day's plan once (R-SCH-1…4, R-SCH-6), in two passes over the day's demands a page of
 * MPANs at a time (DayDemandPages), so that what it holds does not grow with the day:
 * 1. the merged demands are counted by class (provider, lane, window): a few numbers per class;
 * 2. under the day's advisory lock (among replicas one plan stands) and the placement lock every
 *    placement takes, with the slots' loads read under it, the classes are placed, then each page
 *    is read again and its items written, each taking the next slot of its class.
 * A page that differs between the passes (a schedule made meanwhile) cannot over-book a slot: a
 * class hands out no more slots than were placed for it, and a demand left without one waits for
 * a slot like any unplaced read.
 */
export class DailyPlanner {
  private readonly pages: DayDemandPages;
  private readonly writer: PlanPageWriter;

  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly items: Pick<ItemRepository, 'ensurePartition' | 'slotLoads' | 'inTransaction' | 'lockDayForPlan' | 'lockPlacement' | 'existingKeys' | 'addMerging' | 'addNew'>,
    private readonly plans: Pick<PlanRunRepository, 'exists' | 'claim' | 'record'>,
    schedules: Pick<ScheduleRepository, 'activeInPages' | 'stop'>,
    registryView: Pick<RegistryViewRepository, 'timelinesOf'>,
    private readonly responder: UserResponder,
    private readonly metrics: SchedulerMetrics,
    private readonly logger: JsonLogger,
    private readonly capacity: Pick<CapacityBook, 'current'>,
    mpansPerPage = MPANS_PER_PAGE,
  ) {
    this.pages = new DayDemandPages(policy, schedules, registryView, mpansPerPage);
    this.writer = new PlanPageWriter(this.pages, items, schedules, responder);
  }

  slotsOf(planDay: string): DaySlots {
    return daySlots(planDay, this.policy.capacity.slotMinutes, this.policy.capacity.excludedWindow);
  }

  /** Days known to have a plan: the loop asks every tick, and a plan, once made, stands. */
  private readonly planned = new Set<string>();

  async isPlanned(planDay: string): Promise<boolean> {
    if (!this.planned.has(planDay) && (await this.plans.exists(planDay))) {
      this.planned.add(planDay);
    }
    return this.planned.has(planDay);
  }

  /** Pass 1: the day's merged demands counted by class, a page at a time. */
  private async tallyOf(planDay: string): Promise<PlacementTally> {
    const tally = new PlacementTally();
    for await (const page of this.pages.of(planDay)) for (const demand of page.merged) tallyScheduled(tally, this.pages.placementOf(demand));
    return tally;
  }

  /** Plans the day unless a plan stands; answers whether this call made it. */
  async planIfNeeded(planDay: string, now: Date): Promise<boolean> {
    if (await this.isPlanned(planDay)) return false;
    const started = process.hrtime.bigint();
    await this.items.ensurePartition(planDay);
    const tally = await this.tallyOf(planDay);
    const slots = this.slotsOf(planDay);
    const planned = await this.items.inTransaction(async (manager) => {
      if (!(await this.plans.claim(manager, planDay))) return undefined;
      // On-demand reads written into the day before this are in the day's items it merges with; later ones wait for the plan.
      await this.items.lockDayForPlan(manager, planDay);
      // The one placement lock, and the slots' loads read under it: no backstop or on-demand read
      // placed by another replica meanwhile can make the plan over-book a slot.
      await this.items.lockPlacement(manager);
      const loads = loadsBySlot(slots, await this.items.slotLoads(settlementDayStart(planDay), settlementDayStart(addDays(planDay, 1)), manager));
      const plan = planScheduledClasses(slots, await this.capacity.current(manager), tally.classes, loads);
      const counts = { schedules: 0, demands: 0, items: 0, noMeter: 0, stopped: new Map<string, number>() };
      for await (const page of this.pages.of(planDay, manager)) {
        counts.items += (await this.writer.write(manager, planDay, page, plan.slots, slots, now)).length;
        counts.schedules += page.schedules;
        counts.demands += page.demands;
        counts.noMeter += page.noMeter.length;
        for (const s of page.notEntitled) counts.stopped.set(s.loss, (counts.stopped.get(s.loss) ?? 0) + 1);
      }
      await this.plans.record(manager, { planDay, plannedAt: now, demands: counts.demands, items: counts.items, report: plan.reports });
      return { plan, counts };
    });
    if (!planned) return false;
    const { plan, counts } = planned;
    this.planned.add(planDay);
    this.responder.publishSoon();
    this.metrics.readsSaved.inc(counts.demands - counts.items);
    for (const [reason, stopped] of counts.stopped) this.metrics.stopped.inc({ reason }, stopped);
    const unplaced = new Map<string, number>();
    for (const report of plan.reports) unplaced.set(report.provider, (unplaced.get(report.provider) ?? 0) + report.unplaced);
    for (const [provider, count] of unplaced) this.metrics.unplanned.set({ provider }, count);
    this.metrics.planSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    const short = plan.reports.filter((r) => r.unplaced > 0);
    const stopped = [...counts.stopped.values()].reduce((sum, n) => sum + n, 0);
    const log = { planDay, schedules: counts.schedules, demands: counts.demands, items: counts.items, noMeter: counts.noMeter, stopped, reports: plan.reports };
    if (short.length > 0) this.logger.warn(log, `the plan of ${planDay} is short of capacity: ${short.map((r) => `${r.provider} (${r.lane} lane) by ${r.unplaced} reads`).join(', ')}`);
    else this.logger.info(log, `planned ${planDay}`);
    return true;
  }
}
