import { addDays, daySlots, DaySlots, joinPlanReports, PlacementTally, planScheduledClasses, SchedulesPlanReport, settlementDayStart, tallyScheduled, writtenKeyOf } from '@halfhour/domain';
import { JsonLogger } from '@halfhour/observability';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { DayDemandPages, DemandPage, MPANS_PER_PAGE } from './day-demand-pages';
import { PlanPageWriter } from './plan-page-writer';
import { NO_COUNTS, PlanCounts, PlanRunRepository } from './plan-run-repository';
import { PlanSession, PlanSessions } from './plan-session';
import { loadsBySlot } from './slot-loads';

/**
 * Makes a day's plan once (R-SCH-1…4, R-SCH-6), in two passes over the day's demands a page of
 * MPANs at a time (DayDemandPages), so that what it holds does not grow with the day:
 * 1. the merged demands are counted by class (provider, lane, window): a few numbers per class;
 * 2. holding the day's plan session (among replicas one plans a day), its item writes and every
 *    placement (PlanSession), with the slots' loads read under them, the classes are placed, then
 *    each page is read again and its items written, each taking the next slot of its class, the
 *    page and the plan's progress past it committed together.
 * No transaction holds the day: a planner that stops mid-plan leaves its pages written and its
 * progress; the next session plans the rest of the day on the loads as they are then.
 * A page that differs between the passes (a schedule made meanwhile) cannot over-book a slot: a
 * class hands out no more slots than were placed for it, and a demand left without one waits for
 * a slot like any unplaced read.
 */
export class DailyPlanner {
  private readonly pages: DayDemandPages;
  private readonly writer: PlanPageWriter;

  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly items: Pick<ItemRepository, 'ensurePartition' | 'slotLoads' | 'existingKeys' | 'addMerging' | 'addNew'>,
    private readonly plans: Pick<PlanRunRepository, 'exists' | 'progress' | 'saveProgress' | 'record'>,
    private readonly sessions: PlanSessions,
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

  /** Plans the day unless a plan stands (or another replica is making it); answers whether this call made it. */
  async planIfNeeded(planDay: string, now: Date): Promise<boolean> {
    if (await this.isPlanned(planDay)) return false;
    const started = process.hrtime.bigint();
    await this.items.ensurePartition(planDay);
    const made = await this.sessions.during(planDay, (session) => this.planIn(session, planDay, now));
    if (!made) return false;
    this.planned.add(planDay);
    this.responder.publishSoon();
    const unplaced = new Map<string, number>();
    for (const report of made.report) unplaced.set(report.provider, (unplaced.get(report.provider) ?? 0) + report.unplaced);
    for (const [provider, count] of unplaced) this.metrics.unplanned.set({ provider }, count);
    this.metrics.planSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    this.log(planDay, made);
    return true;
  }

  /** Pass 1: the day's merged demands after `afterMpan` counted by class, a page at a time. */
  private async tallyOf(planDay: string, afterMpan: string, session: PlanSession): Promise<PlacementTally> {
    const tally = new PlacementTally();
    for await (const page of this.pages.of(planDay, session.reader, afterMpan)) for (const demand of page.merged) tallyScheduled(tally, this.pages.placementOf(demand));
    return tally;
  }

  /** The day's plan, or what is left of it after the last page a stopped planner committed. */
  private async planIn(session: PlanSession, planDay: string, now: Date): Promise<MadePlan | undefined> {
    if (await this.plans.exists(planDay, session.reader)) return undefined;
    const progress = await this.plans.progress(planDay, session.reader);
    const afterMpan = progress?.afterMpan ?? '';
    const tally = await this.tallyOf(planDay, afterMpan, session);
    const slots = this.slotsOf(planDay);
    // On-demand reads written into the day before this are in the day's items it merges with; later
    // ones wait for the plan. No backstop or on-demand read placed by another replica meanwhile can
    // make the plan over-book a slot: the loads are read under the placement lock.
    await session.holdDayAndPlacements();
    const loads = loadsBySlot(slots, await this.items.slotLoads(settlementDayStart(planDay), settlementDayStart(addDays(planDay, 1)), session.reader));
    const plan = planScheduledClasses(slots, await this.capacity.current(session.reader), tally.classes, loads);
    const report = progress ? joinPlanReports(progress.report, progress.counts.written, plan.reports) : plan.reports;
    let counts = progress?.counts ?? NO_COUNTS;
    for await (const page of this.pages.of(planDay, session.reader, afterMpan)) {
      counts = await session.transaction(async (manager) => {
        const written = await this.writer.write(manager, planDay, page, plan.slots, slots, now);
        const next = countedIn(counts, page, written);
        await this.plans.saveProgress(manager, { planDay, afterMpan: page.lastMpan, counts: next, report }, now);
        return next;
      });
      this.metrics.readsSaved.inc(page.demands - page.merged.length);
      for (const s of page.notEntitled) this.metrics.stopped.inc({ reason: s.loss });
    }
    await session.transaction((manager) => this.plans.record(manager, { planDay, plannedAt: now, demands: counts.demands, items: counts.items, report }));
    return { counts, report, resumedAfter: afterMpan };
  }

  private log(planDay: string, { counts, report, resumedAfter }: MadePlan): void {
    const short = report.filter((r) => r.unplaced > 0);
    const stopped = Object.values(counts.stopped).reduce((sum, n) => sum + n, 0);
    const log = { planDay, schedules: counts.schedules, demands: counts.demands, items: counts.items, noMeter: counts.noMeter, stopped, reports: report, ...(resumedAfter ? { resumedAfter } : {}) };
    if (short.length > 0) this.logger.warn(log, `the plan of ${planDay} is short of capacity: ${short.map((r) => `${r.provider} (${r.lane} lane) by ${r.unplaced} reads`).join(', ')}`);
    else this.logger.info(log, `planned ${planDay}`);
  }
}

interface MadePlan {
  counts: PlanCounts;
  report: SchedulesPlanReport[];
  /** Where this session took the plan up ('' when it began it). */
  resumedAfter: string;
}

function countedIn(counts: PlanCounts, page: DemandPage, items: readonly ItemRow[]): PlanCounts {
  const stopped = { ...counts.stopped };
  for (const s of page.notEntitled) stopped[s.loss] = (stopped[s.loss] ?? 0) + 1;
  const written = { ...counts.written };
  for (const item of items) {
    const key = writtenKeyOf(item.provider, item.kind);
    const seen = written[key] ?? { items: 0, placed: 0 };
    written[key] = { items: seen.items + 1, placed: seen.placed + (item.slotStart ? 1 : 0) };
  }
  return { schedules: counts.schedules + page.schedules, demands: counts.demands + page.demands, items: counts.items + items.length, noMeter: counts.noMeter + page.noMeter.length, stopped, written };
}
