import { CapacitySettings, capacityOf, laneLimits } from './capacity';
import { CollectionDemand } from './collection-demand';
import { DaySlots } from './day-slots';
import { scheduledLaneOf } from './plan-schedules';
import { ProviderKey } from './provider-key';

/** What a future day asks of one provider's lane, against what the lane gives over the day. */
export interface LaneForecast {
  planDay: string;
  provider: ProviderKey;
  lane: 'SCHEDULED' | 'BAU';
  /** Reads the schedules held now will ask for, once collected once. */
  demand: number;
  /** Reads the lane may take over the day's slots, at the capacity the operator has set. */
  capacity: number;
  /** How many reads the day would be short by (0: it fits). */
  shortBy: number;
}

/** Counts demands by provider and lane into `counts` (keyed `provider|lane`): a day's demand, a page at a time. */
export function countLaneDemands(counts: Map<string, number>, demands: Iterable<Pick<CollectionDemand, 'provider' | 'purpose'>>): Map<string, number> {
  for (const demand of demands) {
    const key = `${demand.provider}|${scheduledLaneOf(demand.purpose)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * The forecast of one plan day (NFR-11: the MHHS population grows by migration): the demands its
 * schedules make, per provider and lane, against the lane's capacity summed over the day — an
 * upper bound of what the daily plan can place, so a day shown short will be short.
 */
export function forecastDay(planDay: string, demands: readonly CollectionDemand[], slots: DaySlots, capacity: CapacitySettings): LaneForecast[] {
  return forecastDayOfCounts(planDay, countLaneDemands(new Map(), demands), slots, capacity);
}

/** forecastDay from the day's demands counted by countLaneDemands. */
export function forecastDayOfCounts(planDay: string, demandOf: ReadonlyMap<string, number>, slots: DaySlots, capacity: CapacitySettings): LaneForecast[] {
  return [...demandOf].sort(([a], [b]) => a.localeCompare(b)).map(([key, demand]) => {
    const [provider, lane] = key.split('|') as [ProviderKey, 'SCHEDULED' | 'BAU'];
    const limits = laneLimits(capacityOf(capacity, provider), slots);
    const perSlot = lane === 'SCHEDULED' ? limits.scheduled : limits.bau;
    const dayCapacity = perSlot.reduce((sum, reads) => sum + reads, 0);
    return { planDay, provider, lane, demand, capacity: dayCapacity, shortBy: Math.max(0, demand - dayCapacity) };
  });
}
