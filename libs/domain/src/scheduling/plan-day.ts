import { CapacitySettings, capacityOf, emptyLaneLoads, Lane, LaneLoads, laneRoom, loadOfLane } from './capacity';
import { PlacementDemand } from './collection-demand';
import { DaySlots, firstSlotFrom, lastSlotEndingBy, lastSlotStartingBy, slotUnderway } from './day-slots';
import { ProviderKey } from './provider-key';

/** What the plan of a day says of one provider, up front (R-SCH-4). */
export interface ProviderPlanReport {
  provider: ProviderKey;
  items: number;
  placed: number;
  /** Items that cannot run before their deadline in this day: the day is short by this many reads. */
  unplaced: number;
  /** The most the lane's reads may use of one slot (by day; for the daily plan, the scheduled share). */
  mhhsReadsPerSlot: number;
  /** Reads the lane can take over the day's open slots, after what was already planned. */
  spareBefore: number;
  peakSlotLoad: number;
}

export interface DayPlan {
  /** The slot of each demand, by the demand's index; -1 where it could not be placed. */
  slotOf: Int32Array;
  /** Reads per slot and lane of each provider after this plan (including `loads` given in). */
  loads: Map<ProviderKey, LaneLoads>;
  reports: ProviderPlanReport[];
}

export interface PlanOptions {
  /** Reads already placed in the day's slots, per provider and lane (earlier plans, on-demand reads, backstops). */
  loads?: Map<ProviderKey, LaneLoads>;
  /** `even` (the daily plan) smooths over the day; `asap` (on-demand reads, backstops) takes the earliest spare capacity. */
  placement?: 'even' | 'asap';
  /** The lane the demands are placed in (see laneRoom); the daily plan's, unless said. */
  lane?: Lane;
  /**
   * On-demand reads are dispatched as soon as they are placed: the slot under way at a read's
   * earliest time may take it, and so may any slot that starts by its deadline. Otherwise a read
   * needs a slot that starts at or after its earliest time and ends by its deadline.
   */
  underway?: boolean;
}

/**
 * Chooses an execution slot for each demand (R-SCH-3, R-SCH-4, R-SCH-7): per provider, never above
 * what its lane may use of a slot (none of the excluded window for scheduled reads), never before a
 * demand's earliest time or after its deadline; spread evenly over the day, then filled to
 * capacity where deadlines demand it. Demands are taken in deadline order and each goes to the
 * earliest slot it fits — for unit-size reads with windows this places as many as any plan could.
 * In memory and set-wise: O(n log n) for the sort, near-constant per item after it.
 */
export function planDay(slots: DaySlots, capacity: CapacitySettings, demands: readonly PlacementDemand[], options: PlanOptions = {}): DayPlan {
  const loads = options.loads ?? new Map<ProviderKey, LaneLoads>();
  const lane = options.lane ?? 'SCHEDULED';
  const slotOf = new Int32Array(demands.length).fill(-1);
  const byProvider = new Map<ProviderKey, number[]>();
  demands.forEach((demand, i) => {
    const list = byProvider.get(demand.provider);
    if (list) list.push(i);
    else byProvider.set(demand.provider, [i]);
  });
  const reports: ProviderPlanReport[] = [];
  for (const [provider, indices] of byProvider) {
    const laneLoads = loads.get(provider) ?? emptyLaneLoads(slots.starts.length);
    loads.set(provider, laneLoads);
    const placedIn = loadOfLane(laneLoads, lane);
    const { limit, load } = laneRoom(capacityOf(capacity, provider), slots, lane, laneLoads);
    let spareBefore = 0;
    let open = 0;
    let loaded = 0;
    let mostPerSlot = 0;
    for (let s = 0; s < load.length; s++) {
      if (limit[s] <= 0) continue;
      open++;
      loaded += load[s];
      spareBefore += Math.max(0, limit[s] - load[s]);
      mostPerSlot = Math.max(mostPerSlot, limit[s]);
    }
    indices.sort((a, b) => demands[a].deadlineMs - demands[b].deadlineMs || demands[a].earliestMs - demands[b].earliestMs);
    // Fill level by level: the even share of every open slot, one more, then whatever remains.
    const share = open === 0 ? 0 : (indices.length + loaded) / open;
    const levels = options.placement === 'asap' ? [Infinity] : [Math.floor(share), Math.ceil(share), Infinity];
    let waiting = indices;
    for (const level of new Set(levels)) {
      if (waiting.length > 0) waiting = place(waiting, level);
    }
    let peak = 0;
    for (let s = 0; s < load.length; s++) peak = Math.max(peak, load[s]);
    reports.push({ provider, items: indices.length, placed: indices.length - waiting.length, unplaced: waiting.length, mhhsReadsPerSlot: mostPerSlot, spareBefore, peakSlotLoad: peak });

    function place(candidates: readonly number[], level: number): number[] {
      const next = new NextOpenSlot(limit, load, level);
      const left: number[] = [];
      for (const i of candidates) {
        const { earliestMs, deadlineMs } = demands[i];
        const first = options.underway ? slotUnderway(slots, earliestMs) : firstSlotFrom(slots, earliestMs);
        const last = options.underway ? lastSlotStartingBy(slots, deadlineMs) : lastSlotEndingBy(slots, deadlineMs);
        const slot = next.from(first);
        if (slot <= last) {
          slotOf[i] = slot;
          load[slot]++;
          placedIn[slot]++;
          if (load[slot] >= Math.min(level, limit[slot])) next.close(slot);
        } else {
          left.push(i);
        }
      }
      return left;
    }
  }
  return { slotOf, loads, reports };
}

/** "The first open slot at or after s", with path compression: closing a slot points it past itself. */
class NextOpenSlot {
  private readonly parent: Int32Array;

  constructor(limit: Int32Array, load: Int32Array, level: number) {
    const n = load.length;
    this.parent = new Int32Array(n + 1);
    for (let s = 0; s <= n; s++) this.parent[s] = s < n && load[s] >= Math.min(level, limit[s]) ? s + 1 : s;
  }

  from(slot: number): number {
    let root = slot;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[slot] !== root) {
      const up = this.parent[slot];
      this.parent[slot] = root;
      slot = up;
    }
    return root;
  }

  close(slot: number): void {
    this.parent[slot] = slot + 1;
  }
}
