import { CapacitySettings, capacityOf, mhhsReadsPerSlot } from './capacity';
import { CollectionDemand } from './collection-demand';
import { DaySlots, firstSlotFrom, lastSlotEndingBy } from './day-slots';
import { ProviderKey } from './provider-key';

/** What the plan of a day says of one provider, up front (R-SCH-4). */
export interface ProviderPlanReport {
  provider: ProviderKey;
  items: number;
  placed: number;
  /** Items that cannot run before their deadline in this day: the day is short by this many reads. */
  unplaced: number;
  mhhsReadsPerSlot: number;
  /** MHHS reads the provider can take over the day's allowed slots, after what was already planned. */
  spareBefore: number;
  peakSlotLoad: number;
}

export interface DayPlan {
  /** The slot of each demand, by the demand's index; -1 where it could not be placed. */
  slotOf: Int32Array;
  /** Reads per slot of each provider after this plan (including `loads` given in). */
  loads: Map<ProviderKey, Int32Array>;
  reports: ProviderPlanReport[];
}

/**
 * Chooses an execution slot for each demand (R-SCH-3, R-SCH-4, R-SCH-7): per provider, never above
 * its MHHS share of a slot, never in the excluded window, never before a demand's earliest time or
 * ending after its deadline; spread evenly over the day, then filled to capacity where deadlines
 * demand it. Demands are taken in deadline order and each goes to the earliest slot it fits —
 * for unit-size reads with windows this places as many as any plan could.
 * In memory and set-wise: O(n log n) for the sort, near-constant per item after it.
 */
export interface PlanOptions {
  /** Reads already planned in the day's slots, per provider (earlier plans, backstops). */
  loads?: Map<ProviderKey, Int32Array>;
  /** `even` (the daily plan) smooths over the day; `asap` (on-demand reads, backstops) takes the earliest spare capacity. */
  placement?: 'even' | 'asap';
}

export function planDay(slots: DaySlots, capacity: CapacitySettings, demands: readonly CollectionDemand[], options: PlanOptions = {}): DayPlan {
  const loads = options.loads ?? new Map<ProviderKey, Int32Array>();
  const slotOf = new Int32Array(demands.length).fill(-1);
  const byProvider = new Map<ProviderKey, number[]>();
  demands.forEach((demand, i) => {
    const list = byProvider.get(demand.provider);
    if (list) list.push(i);
    else byProvider.set(demand.provider, [i]);
  });
  const reports: ProviderPlanReport[] = [];
  for (const [provider, indices] of byProvider) {
    const perSlot = mhhsReadsPerSlot(capacityOf(capacity, provider));
    const load = loads.get(provider) ?? new Int32Array(slots.starts.length);
    loads.set(provider, load);
    let spareBefore = 0;
    let allowed = 0;
    for (let s = 0; s < load.length; s++) {
      if (!slots.mhhsAllowed[s]) continue;
      allowed++;
      spareBefore += Math.max(0, perSlot - load[s]);
    }
    indices.sort((a, b) => demands[a].deadlineMs - demands[b].deadlineMs || demands[a].earliestMs - demands[b].earliestMs);
    // Fill level by level: the even share of every allowed slot, one more, then whatever remains.
    const share = allowed === 0 ? 0 : (indices.length + sum(load, slots)) / allowed;
    const levels = options.placement === 'asap' ? [perSlot] : [Math.floor(share), Math.ceil(share), perSlot];
    let waiting = indices;
    for (const level of new Set(levels.map((l) => Math.min(l, perSlot)))) {
      if (waiting.length > 0) waiting = place(waiting, level);
    }
    let peak = 0;
    for (let s = 0; s < load.length; s++) peak = Math.max(peak, load[s]);
    reports.push({
      provider,
      items: indices.length,
      placed: indices.length - waiting.length,
      unplaced: waiting.length,
      mhhsReadsPerSlot: perSlot,
      spareBefore,
      peakSlotLoad: peak,
    });

    function place(candidates: readonly number[], level: number): number[] {
      const next = new NextOpenSlot(slots, load, level);
      const left: number[] = [];
      for (const i of candidates) {
        const last = lastSlotEndingBy(slots, demands[i].deadlineMs);
        const slot = next.from(firstSlotFrom(slots, demands[i].earliestMs));
        if (slot <= last) {
          slotOf[i] = slot;
          load[slot]++;
          if (load[slot] >= level) next.close(slot);
        } else {
          left.push(i);
        }
      }
      return left;
    }
  }
  return { slotOf, loads, reports };
}

function sum(load: Int32Array, slots: DaySlots): number {
  let total = 0;
  for (let s = 0; s < load.length; s++) if (slots.mhhsAllowed[s]) total += load[s];
  return total;
}

/** "The first open slot at or after s", with path compression: closing a slot points it past itself. */
class NextOpenSlot {
  private readonly parent: Int32Array;

  constructor(slots: DaySlots, load: Int32Array, level: number) {
    const n = load.length;
    this.parent = new Int32Array(n + 1);
    for (let s = 0; s <= n; s++) this.parent[s] = s < n && (!slots.mhhsAllowed[s] || load[s] >= level) ? s + 1 : s;
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
