import { DaySlots, Lane, laneLimits, laneOf, ProviderCapacity, readsPerSlotAt } from '@halfhour/domain';
import { CapacityAt } from './capacity-history';

const HOUR_MS = 3_600_000;

/** An hour of a provider's day: what its slots give each lane, and the reads planned and sent in it. */
export interface HourRow {
  provider: string;
  hour: string;
  /** Reads planned in the hour's slots, of every lane, and by lane. */
  planned: number;
  plannedScheduled: number;
  plannedOnDemand: number;
  plannedBau: number;
  /** Reads sent to the provider in the hour (their latest attempt), by lane: the actual use. */
  dispatchedScheduled: number;
  dispatchedOnDemand: number;
  dispatchedBau: number;
  /** What the hour's slots give MHHS (scheduled and on-demand lanes; at night, the on-demand lane's share). */
  mhhsCapacity: number;
  /** What of that the daily plan's scheduled reads may use. */
  scheduledCapacity: number;
  /** What the hour's slots keep from MHHS: business as usual and other work. */
  reservedCapacity: number;
  /** What of that BAU schedules may use. */
  bauCapacity: number;
}

/** Reads of one kind in one provider's hour. */
export interface HourCount { provider: string; hour: Date; kind: string; reads: number }

const PLANNED: Record<Lane, 'plannedScheduled' | 'plannedOnDemand' | 'plannedBau'> = { SCHEDULED: 'plannedScheduled', ON_DEMAND: 'plannedOnDemand', BAU: 'plannedBau' };
const DISPATCHED: Record<Lane, 'dispatchedScheduled' | 'dispatchedOnDemand' | 'dispatchedBau'> = {
  SCHEDULED: 'dispatchedScheduled', ON_DEMAND: 'dispatchedOnDemand', BAU: 'dispatchedBau',
};

/**
 * Every hour of a day for every provider named (those with a capacity set) or with reads in it (an
 * empty hour shows its headroom): each lane's capacity under the capacity in force in each of its
 * slots (`capacityAt`: operator changes and outages as they happened), and the reads planned and sent.
 */
export function providerHours(
  capacityAt: CapacityAt, named: readonly string[], slots: DaySlots, planned: readonly HourCount[], dispatched: readonly HourCount[],
): HourRow[] {
  const providers = [...new Set([...named, ...planned.map((r) => r.provider), ...dispatched.map((r) => r.provider)])].sort();
  const limits = new Map<ProviderCapacity, ReturnType<typeof laneLimits>>();
  const limitsOf = (capacity: ProviderCapacity) => limits.get(capacity) ?? limits.set(capacity, laneLimits(capacity, slots)).get(capacity)!;
  const hourStarts = [...new Set(slots.starts.map((start) => Math.floor(start / HOUR_MS) * HOUR_MS))];
  const hours = new Map<string, HourRow>();
  const rowOf = (provider: string, hour: Date) => {
    const key = `${provider}|${hour.toISOString()}`;
    const row = hours.get(key) ?? hourOf(provider, hour, slots, (at) => capacityAt(provider, at), limitsOf);
    hours.set(key, row);
    return row;
  };
  for (const provider of providers) for (const start of hourStarts) rowOf(provider, new Date(start));
  for (const count of planned) {
    const row = rowOf(count.provider, new Date(count.hour));
    row.planned += count.reads;
    row[PLANNED[laneOf(count.kind)]] += count.reads;
  }
  for (const count of dispatched) rowOf(count.provider, new Date(count.hour))[DISPATCHED[laneOf(count.kind)]] += count.reads;
  return [...hours.values()];
}

function hourOf(
  provider: string, hour: Date, slots: DaySlots, capacityAt: (at: number) => ProviderCapacity, limitsOf: (capacity: ProviderCapacity) => ReturnType<typeof laneLimits>,
): HourRow {
  const row: HourRow = {
    provider, hour: hour.toISOString(), planned: 0, plannedScheduled: 0, plannedOnDemand: 0, plannedBau: 0, dispatchedScheduled: 0, dispatchedOnDemand: 0, dispatchedBau: 0,
    mhhsCapacity: 0, scheduledCapacity: 0, reservedCapacity: 0, bauCapacity: 0,
  };
  for (let s = 0; s < slots.starts.length; s++) {
    if (slots.starts[s] < hour.getTime() || slots.starts[s] >= hour.getTime() + HOUR_MS) continue;
    const capacity = capacityAt(slots.starts[s]);
    const limits = limitsOf(capacity);
    row.mhhsCapacity += limits.total[s];
    row.scheduledCapacity += limits.scheduled[s];
    row.reservedCapacity += readsPerSlotAt(capacity, slots.minuteOfDay[s]) - limits.total[s];
    row.bauCapacity += limits.bau[s];
  }
  return row;
}
