import { CapacitySettings, capacityOf, emptyLaneLoads, Lane, LaneLoads, laneRoom, loadOfLane } from './capacity';
import { PlacementDemand } from './collection-demand';
import { DaySlots, firstSlotFrom, lastSlotEndingBy, lastSlotStartingBy, slotUnderway } from './day-slots';
import { NextOpenSlot } from './next-open-slot';
import { PlacementClass, PlacementTally, SlotDispenser } from './placement-classes';
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

/** What a lane's slots offer before a plan: slots open to it, reads in them, room left, the most one takes. */
export function laneOpenings(limit: Int32Array, load: Int32Array): { open: number; loaded: number; spareBefore: number; mostPerSlot: number } {
  const openings = { open: 0, loaded: 0, spareBefore: 0, mostPerSlot: 0 };
  for (let s = 0; s < load.length; s++) {
    if (limit[s] <= 0) continue;
    openings.open++;
    openings.loaded += load[s];
    openings.spareBefore += Math.max(0, limit[s] - load[s]);
    openings.mostPerSlot = Math.max(openings.mostPerSlot, limit[s]);
  }
  return openings;
}

export interface ClassPlan {
  /** Each class's slots, to be handed to its demands in the order they were counted. */
  slots: SlotDispenser;
  loads: Map<ProviderKey, LaneLoads>;
  reports: ProviderPlanReport[];
}

/**
 * Chooses an execution slot for each demand (R-SCH-3, R-SCH-4, R-SCH-7): per provider, never above
 * what its lane may use of a slot (none of the excluded window for scheduled reads), never before a
 * demand's earliest time or after its deadline; spread evenly over the day, then filled to
 * capacity where deadlines demand it. Demands are taken in deadline order and each goes to the
 * earliest slot it fits — for unit-size reads with windows this places as many as any plan could.
 */
export function planDay(slots: DaySlots, capacity: CapacitySettings, demands: readonly PlacementDemand[], options: PlanOptions = {}): DayPlan {
  const lane = options.lane ?? 'SCHEDULED';
  const tally = new PlacementTally();
  const keys = demands.map((d) => tally.add(lane, d.provider, d.earliestMs, d.deadlineMs));
  const plan = placeClasses(slots, capacity, tally.classes, options);
  return { slotOf: Int32Array.from(keys, (key) => plan.slots.take(key)), loads: plan.loads, reports: plan.reports };
}

/**
 * planDay's placement over classes of demands (all of `options.lane`): in memory a few numbers per
 * class and slot, whatever the number of demands. The slots are given into `given` (by class key). A class's demands are alike, so planDay's
 * deadline order keeps them together and each level fills slots with a run of them at once.
 */
export function placeClasses(slots: DaySlots, capacity: CapacitySettings, classes: readonly PlacementClass[], options: PlanOptions = {}, given = new SlotDispenser()): ClassPlan {
  const loads = options.loads ?? new Map<ProviderKey, LaneLoads>();
  const lane = options.lane ?? 'SCHEDULED';
  const byProvider = new Map<ProviderKey, PlacementClass[]>();
  for (const c of classes) {
    const list = byProvider.get(c.provider);
    if (list) list.push(c);
    else byProvider.set(c.provider, [c]);
  }
  const reports: ProviderPlanReport[] = [];
  for (const [provider, group] of byProvider) {
    const laneLoads = loads.get(provider) ?? emptyLaneLoads(slots.starts.length);
    loads.set(provider, laneLoads);
    const placedIn = loadOfLane(laneLoads, lane);
    const { limit, load } = laneRoom(capacityOf(capacity, provider), slots, lane, laneLoads);
    const { open, loaded, spareBefore, mostPerSlot } = laneOpenings(limit, load);
    const ordered = [...group].sort((a, b) => a.deadlineMs - b.deadlineMs || a.earliestMs - b.earliestMs);
    const items = ordered.reduce((sum, c) => sum + c.count, 0);
    const waiting = ordered.map((c) => c.count);
    // Fill level by level: the even share of every open slot, one more, then whatever remains.
    const share = open === 0 ? 0 : (items + loaded) / open;
    const levels = options.placement === 'asap' ? [Infinity] : [Math.floor(share), Math.ceil(share), Infinity];
    for (const level of new Set(levels)) {
      const next = new NextOpenSlot(limit, load, level);
      ordered.forEach((c, i) => {
        const first = options.underway ? slotUnderway(slots, c.earliestMs) : firstSlotFrom(slots, c.earliestMs);
        const last = options.underway ? lastSlotStartingBy(slots, c.deadlineMs) : lastSlotEndingBy(slots, c.deadlineMs);
        for (let slot = next.from(first); waiting[i] > 0 && slot <= last; slot = next.from(first)) {
          const room = Math.min(level, limit[slot]) - load[slot];
          const count = Math.min(waiting[i], room);
          given.give(c.key, slot, count);
          load[slot] += count;
          placedIn[slot] += count;
          waiting[i] -= count;
          if (load[slot] >= Math.min(level, limit[slot])) next.close(slot);
        }
      });
    }
    const unplaced = waiting.reduce((sum, n) => sum + n, 0);
    let peak = 0;
    for (let s = 0; s < load.length; s++) peak = Math.max(peak, load[s]);
    reports.push({ provider, items, placed: items - unplaced, unplaced, mhhsReadsPerSlot: mostPerSlot, spareBefore, peakSlotLoad: peak });
  }
  return { slots: given, loads, reports };
}
