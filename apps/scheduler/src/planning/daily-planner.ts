import { addDays, CollectionDemand, collectOnce, daySlots, DaySlots, itemKeyOf, newItemState, planningDeadlineMs, planSchedules, SchedulesPlan, settlementDayStart } from '@halfhour/domain';
import { JsonLogger } from '@halfhour/observability';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { CapacityBook } from '../capacity/capacity-book';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';
import { ScheduleRepository, ScheduleRow } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { dayDemands, DayDemands } from './day-demands';
import { PlanRunRepository } from './plan-run-repository';
import { loadsBySlot } from './slot-loads';

/** Schedules turned into demands at a time, with their MPANs' timelines: what bounds the plan's memory. */
const SCHEDULE_CHUNK = 10_000;

/**
 * Makes a day's plan once (R-SCH-1…4, R-SCH-6): the schedules running for the day's data, merged
 * per data item, placed in the scheduled lane of the providers' slots (a BAU schedule's reads in
 * the BAU lane) in memory, then persisted in
 * bulk with the plan's report, in one transaction under the day's advisory lock (among replicas one
 * plan stands) and the placement lock every placement takes, the slots' loads read under it.
 */
export class DailyPlanner {
  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly items: Pick<ItemRepository, 'ensurePartition' | 'slotLoads' | 'inTransaction' | 'lockDayForPlan' | 'lockPlacement' | 'itemKeysOf' | 'addMerging' | 'addNew'>,
    private readonly plans: Pick<PlanRunRepository, 'exists' | 'claim' | 'record'>,
    private readonly schedules: Pick<ScheduleRepository, 'activeFor' | 'stop'>,
    private readonly registryView: Pick<RegistryViewRepository, 'timelinesOf'>,
    private readonly responder: UserResponder,
    private readonly metrics: SchedulerMetrics,
    private readonly logger: JsonLogger,
    private readonly capacity: Pick<CapacityBook, 'current'>,
  ) {}

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

  /**
   * The day's demands, a chunk of schedules at a time: each chunk's timelines are read, used and
   * let go before the next, so the plan never holds the registry whole as well as the day (~100 MB
   * at 200,000 MPANs). The same demands in the same order as from one read of every timeline: a
   * schedule's demand depends on its own MPAN's timeline only.
   */
  private async demandsOf(planDay: string, schedules: readonly ScheduleRow[]): Promise<DayDemands> {
    const all: DayDemands = { demands: [], notEntitled: [], noMeter: [] };
    for (let i = 0; i < schedules.length; i += SCHEDULE_CHUNK) {
      const chunk = schedules.slice(i, i + SCHEDULE_CHUNK);
      const timelines = new Map([...(await this.registryView.timelinesOf(chunk.map((s) => s.mpan)))].map(([mpan, viewed]) => [mpan, viewed.timeline]));
      const part = dayDemands(planDay, chunk, timelines, this.policy, this.policy.trt);
      all.demands.push(...part.demands);
      all.notEntitled.push(...part.notEntitled);
      all.noMeter.push(...part.noMeter);
    }
    return all;
  }

  /**
   * The demands of the schedules running for the day's data, merged per data item (collect once),
   * and what became of the schedules. The schedule rows and the unmerged demands are let go on
   * return, before the plan builds its item rows.
   */
  private async mergedDemandsOf(planDay: string): Promise<Omit<DayDemands, 'demands'> & { merged: CollectionDemand[]; counts: { schedules: number; demands: number } }> {
    const schedules = await this.schedules.activeFor(addDays(planDay, -1));
    const { demands, notEntitled, noMeter } = await this.demandsOf(planDay, schedules);
    return { merged: collectOnce(demands), counts: { schedules: schedules.length, demands: demands.length }, notEntitled, noMeter };
  }

  /** Plans the day unless a plan stands; answers whether this call made it. */
  async planIfNeeded(planDay: string, now: Date): Promise<boolean> {
    if (await this.isPlanned(planDay)) return false;
    const started = process.hrtime.bigint();
    await this.items.ensurePartition(planDay);
    const { merged, counts, notEntitled, noMeter } = await this.mergedDemandsOf(planDay);
    const slots = this.slotsOf(planDay);
    const placing = merged.map((d) => ({ provider: d.provider, purpose: d.purpose, earliestMs: d.earliestMs, deadlineMs: planningDeadlineMs(d.earliestMs, d.deadlineMs, this.policy.deadlineMarginMs) }));
    const rowsOf = (plan: SchedulesPlan): ItemRow[] => merged.map((demand, i) => ({
      planDay,
      itemKey: itemKeyOf(demand),
      mpan: demand.mpan,
      deviceId: demand.deviceId,
      provider: demand.provider,
      srv: demand.srv,
      dataDay: demand.dataDay,
      kind: plan.kindOf[i],
      state: newItemState(plan.slotOf[i] >= 0),
      slotStart: plan.slotOf[i] >= 0 ? new Date(slots.starts[plan.slotOf[i]]) : null,
      earliest: new Date(demand.earliestMs),
      deadline: new Date(demand.deadlineMs),
      attempt: 0,
      requesters: demand.requesters as ItemRow['requesters'],
    }));

    const planned = await this.items.inTransaction(async (manager) => {
      if (!(await this.plans.claim(manager, planDay))) return undefined;
      // On-demand reads written into the day before this are in the day's items it merges with; later ones wait for the plan.
      await this.items.lockDayForPlan(manager, planDay);
      // The one placement lock, and the slots' loads read under it: no backstop or on-demand read
      // placed by another replica meanwhile can make the plan over-book a slot.
      await this.items.lockPlacement(manager);
      const loads = loadsBySlot(slots, await this.items.slotLoads(settlementDayStart(planDay), settlementDayStart(addDays(planDay, 1)), manager));
      const plan = planSchedules(slots, await this.capacity.current(manager), placing, loads);
      const rows = rowsOf(plan);
      const existing = await this.items.itemKeysOf(manager, planDay);
      // The day's scheduled items are new (no plan stood); on-demand items already in the day are merged with.
      await this.items.addMerging(manager, rows.filter((r) => existing.has(r.itemKey)));
      await this.items.addNew(manager, rows.filter((r) => !existing.has(r.itemKey)));
      await this.plans.record(manager, { planDay, plannedAt: now, demands: counts.demands, items: rows.length, report: plan.reports });
      for (const loss of ['ENTITLEMENT_ENDED', 'RESERVED_TO_MDR'] as const) {
        await this.schedules.stop(manager, notEntitled.filter((s) => s.loss === loss).map((s) => s.dspScheduleId), loss, now);
      }
      await this.responder.refuse(manager, notEntitled.map((s) => ({
        requester: { userId: s.userId, requestId: s.requestId, origin: s.dspScheduleId },
        reason: s.loss,
        message: `${s.mpid} may no longer have ${s.srv} data of ${s.mpan} from ${addDays(planDay, -1)}${s.loss === 'RESERVED_TO_MDR' ? ' (TRT policy MDR_ONLY: HH profiles are retrieved through the MDR)' : ''}; schedule ${s.dspScheduleId} has stopped`,
      })), now);
      return { plan, rows };
    });
    if (!planned) return false;
    const { plan, rows } = planned;
    this.planned.add(planDay);
    this.responder.publishSoon();
    this.metrics.readsSaved.inc(counts.demands - merged.length);
    for (const s of notEntitled) this.metrics.stopped.inc({ reason: s.loss });
    const unplaced = new Map<string, number>();
    for (const report of plan.reports) unplaced.set(report.provider, (unplaced.get(report.provider) ?? 0) + report.unplaced);
    for (const [provider, count] of unplaced) this.metrics.unplanned.set({ provider }, count);
    this.metrics.planSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    const short = plan.reports.filter((r) => r.unplaced > 0);
    const log = { planDay, schedules: counts.schedules, demands: counts.demands, items: rows.length, noMeter: noMeter.length, stopped: notEntitled.length, reports: plan.reports };
    if (short.length > 0) this.logger.warn(log, `the plan of ${planDay} is short of capacity: ${short.map((r) => `${r.provider} (${r.lane} lane) by ${r.unplaced} reads`).join(', ')}`);
    else this.logger.info(log, `planned ${planDay}`);
    return true;
  }
}
