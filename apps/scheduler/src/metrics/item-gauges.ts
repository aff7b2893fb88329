import { addDays, capacityOf, Clock, localMinuteOfDay, mhhsReadsPerSlot, readsPerSlotAt, settlementDayOf } from '@halfhour/domain';
import { ItemCounts } from '../items/item-counts';
import { ItemRepository } from '../items/item-repository';
import { PlanRunRepository } from '../planning/plan-run-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { CapacityBook } from '../capacity/capacity-book';
import { ProviderOutages } from '../capacity/provider-outages';
import { SchedulerMetrics } from './scheduler-metrics';

/** Recounts the item gauges (a GROUP BY over yesterday's and today's partitions), the providers held out and when the last plan was made, on an interval. */
export class ItemGauges {
  constructor(
    private readonly items: Pick<ItemRepository, 'slotLoads'>,
    private readonly counts: ItemCounts,
    private readonly policy: SchedulingPolicy,
    private readonly metrics: SchedulerMetrics,
    private readonly clock: Clock,
    private readonly capacity: Pick<CapacityBook, 'current'>,
    private readonly outages: Pick<ProviderOutages, 'all'>,
    private readonly plans: Pick<PlanRunRepository, 'latestPlannedAt'>,
  ) {}

  /** What a replica that does not own the gauges reports: nothing. */
  clear(): void {
    for (const gauge of [this.metrics.items, this.metrics.backlog, this.metrics.slotUtilisation, this.metrics.providerOut, this.metrics.lastPlanRun]) gauge.reset();
  }

  async measure(): Promise<void> {
    const now = this.clock.now();
    const today = settlementDayOf(now);
    this.metrics.items.reset();
    for (const row of await this.counts.countsByStateAndProvider([addDays(today, -1), today])) {
      this.metrics.items.set({ state: row.state, provider: row.provider, kind: row.kind }, row.items);
    }
    const lastPlan = await this.plans.latestPlannedAt();
    if (lastPlan) this.metrics.lastPlanRun.set(new Date(lastPlan).getTime() / 1000);
    this.metrics.backlog.set(await this.counts.countUndispatchedBefore(new Date(now.getTime() - this.policy.capacity.slotMinutes * 60_000)));
    const slotMs = this.policy.capacity.slotMinutes * 60_000;
    const slotStart = new Date(Math.floor(now.getTime() / slotMs) * slotMs);
    for (const row of await this.outages.all()) this.metrics.providerOut.set({ provider: row.provider }, row.out ? 1 : 0);
    const capacity = await this.capacity.current();
    this.metrics.slotUtilisation.reset();
    const reads = new Map<string, number>();
    for (const row of await this.items.slotLoads(slotStart, new Date(slotStart.getTime() + slotMs))) reads.set(row.provider, (reads.get(row.provider) ?? 0) + row.reads);
    for (const [provider, count] of reads) {
      const provided = capacityOf(capacity, provider);
      const mhhs = mhhsReadsPerSlot(provided, readsPerSlotAt(provided, localMinuteOfDay(slotStart)));
      this.metrics.slotUtilisation.set({ provider }, mhhs > 0 ? count / mhhs : 0);
    }
  }
}
