import { addDays, Clock, mhhsReadsPerSlot, capacityOf, settlementDayOf } from '@halfhour/domain';
import { ItemRepository } from '../items/item-repository';
import { SchedulingPolicy } from '../scheduling-policy';
import { SchedulerMetrics } from './scheduler-metrics';

/** Recounts the item gauges (a GROUP BY over yesterday's and today's partitions) on an interval. */
export class ItemGauges {
  constructor(
    private readonly items: ItemRepository,
    private readonly policy: SchedulingPolicy,
    private readonly metrics: SchedulerMetrics,
    private readonly clock: Clock,
  ) {}

  async measure(): Promise<void> {
    const now = this.clock.now();
    const today = settlementDayOf(now);
    this.metrics.items.reset();
    for (const row of await this.items.countsByStateAndProvider([addDays(today, -1), today])) {
      this.metrics.items.set({ state: row.state, provider: row.provider }, row.items);
    }
    this.metrics.backlog.set(await this.items.countUndispatchedBefore(new Date(now.getTime() - this.policy.capacity.slotMinutes * 60_000)));
    const slotMs = this.policy.capacity.slotMinutes * 60_000;
    const slotStart = new Date(Math.floor(now.getTime() / slotMs) * slotMs);
    this.metrics.slotUtilisation.reset();
    for (const row of await this.items.slotLoads(slotStart, new Date(slotStart.getTime() + slotMs))) {
      const capacity = mhhsReadsPerSlot(capacityOf(this.policy.capacity, row.provider));
      this.metrics.slotUtilisation.set({ provider: row.provider }, capacity > 0 ? row.reads / capacity : 0);
    }
  }
}
