import { addDays, collectOnce, daySlots, DaySlots, itemKeyOf, newItemState, planDay as placeDemands, planningDeadlineMs, settlementDayStart } from '@halfhour/domain';
import { JsonLogger } from '@halfhour/observability';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { copyItems } from '../items/copy-items';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { dayDemands } from './day-demands';
import { loadsBySlot } from './slot-loads';

const PLAN_LOCK = 165;
const TIMELINE_CHUNK = 20_000;

/**
 * Makes a day's plan once (R-SCH-1…4, R-SCH-6): the schedules running for the day's data, merged
 * per data item, placed in the providers' slots in memory, then persisted in bulk with the plan's
 * report, in one transaction under an advisory lock, so among replicas one plan stands.
 */
export class DailyPlanner {
  constructor(
    private readonly policy: SchedulingPolicy,
    private readonly items: ItemRepository,
    private readonly schedules: ScheduleRepository,
    private readonly registryView: RegistryViewRepository,
    private readonly responder: UserResponder,
    private readonly metrics: SchedulerMetrics,
    private readonly logger: JsonLogger,
  ) {}

  slotsOf(planDay: string): DaySlots {
    return daySlots(planDay, this.policy.capacity.slotMinutes, this.policy.capacity.excludedWindow);
  }

  /** Days known to have a plan: the loop asks every tick, and a plan, once made, stands. */
  private readonly planned = new Set<string>();

  async isPlanned(planDay: string): Promise<boolean> {
    if (!this.planned.has(planDay) && (await this.items.dataSource.query('SELECT 1 FROM plan_runs WHERE plan_day = $1', [planDay])).length > 0) {
      this.planned.add(planDay);
    }
    return this.planned.has(planDay);
  }

  /** Plans the day unless a plan stands; answers whether this call made it. */
  async planIfNeeded(planDay: string, now: Date): Promise<boolean> {
    if (await this.isPlanned(planDay)) return false;
    const started = process.hrtime.bigint();
    await this.items.ensurePartition(planDay);
    const schedules = await this.schedules.activeFor(addDays(planDay, -1));
    const timelines = new Map();
    const mpans = [...new Set(schedules.map((s) => s.mpan))];
    for (let i = 0; i < mpans.length; i += TIMELINE_CHUNK) {
      for (const [mpan, viewed] of await this.registryView.timelinesOf(mpans.slice(i, i + TIMELINE_CHUNK))) timelines.set(mpan, viewed.timeline);
    }
    const { demands, notEntitled, noMeter } = dayDemands(planDay, schedules, timelines, this.policy.matrix, this.policy.mhhsTrtMs);
    const merged = collectOnce(demands);
    const slots = this.slotsOf(planDay);
    const dayStart = settlementDayStart(planDay);
    const loads = loadsBySlot(slots, await this.items.slotLoads(dayStart, settlementDayStart(addDays(planDay, 1))));
    const withMargin = merged.map((d) => ({ ...d, deadlineMs: planningDeadlineMs(d.earliestMs, d.deadlineMs, this.policy.deadlineMarginMs) }));
    const plan = placeDemands(slots, this.policy.capacity, withMargin, { loads, placement: 'even' });
    const rows: ItemRow[] = merged.map((demand, i) => ({
      planDay,
      itemKey: itemKeyOf(demand),
      mpan: demand.mpan,
      deviceId: demand.deviceId,
      provider: demand.provider,
      srv: demand.srv,
      dataDay: demand.dataDay,
      kind: 'SCHEDULED',
      state: newItemState(plan.slotOf[i] >= 0),
      slotStart: plan.slotOf[i] >= 0 ? new Date(slots.starts[plan.slotOf[i]]) : null,
      earliest: new Date(demand.earliestMs),
      deadline: new Date(demand.deadlineMs),
      attempt: 0,
      requesters: demand.requesters as ItemRow['requesters'],
    }));

    const planned = await this.items.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [PLAN_LOCK, planDay]);
      if (!locked || (await manager.query('SELECT 1 FROM plan_runs WHERE plan_day = $1', [planDay])).length > 0) return false;
      const existing = new Set<string>(
        (await manager.query('SELECT item_key FROM collection_items WHERE plan_day = $1', [planDay])).map((r: { item_key: string }) => r.item_key),
      );
      // The day's scheduled items are new (plan_runs says so); on-demand items already in the day keep theirs.
      await this.items.addMerging(manager, rows.filter((r) => existing.has(r.itemKey)));
      await copyItems(manager, rows.filter((r) => !existing.has(r.itemKey)));
      await manager.query('INSERT INTO plan_runs (plan_day, planned_at, demands, items, report) VALUES ($1, $2, $3, $4, $5)', [
        planDay, now, demands.length, rows.length, JSON.stringify(plan.reports),
      ]);
      await this.schedules.stop(manager, notEntitled.map((s) => s.dspScheduleId), 'ENTITLEMENT_ENDED', now);
      await this.responder.refuse(manager, notEntitled.map((s) => ({
        requester: { userId: s.userId, requestId: s.requestId, origin: s.dspScheduleId },
        reason: 'ENTITLEMENT_ENDED' as const,
        message: `${s.mpid} may no longer have ${s.srv} data of ${s.mpan} from ${addDays(planDay, -1)}; schedule ${s.dspScheduleId} has stopped`,
      })), now);
      return true;
    });
    if (!planned) return false;
    this.planned.add(planDay);
    this.responder.publishSoon();
    this.metrics.readsSaved.inc(demands.length - merged.length);
    this.metrics.stopped.inc({ reason: 'ENTITLEMENT_ENDED' }, notEntitled.length);
    for (const report of plan.reports) this.metrics.unplanned.set({ provider: report.provider }, report.unplaced);
    this.metrics.planSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    const short = plan.reports.filter((r) => r.unplaced > 0);
    const log = { planDay, schedules: schedules.length, demands: demands.length, items: rows.length, noMeter: noMeter.length, stopped: notEntitled.length, reports: plan.reports };
    if (short.length > 0) this.logger.warn(log, `the plan of ${planDay} is short of capacity: ${short.map((r) => `${r.provider} by ${r.unplaced} reads`).join(', ')}`);
    else this.logger.info(log, `planned ${planDay}`);
    return true;
  }
}
