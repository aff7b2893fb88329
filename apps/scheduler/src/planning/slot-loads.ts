import { DaySlots, emptyLaneLoads, laneOf, LaneLoads, loadOfLane } from '@halfhour/domain';

/** Turns "reads per provider, slot start and kind" rows into the planner's per-slot lane loads for one day. */
export function loadsBySlot(slots: DaySlots, rows: readonly { provider: string; slotStart: Date; kind: string; reads: number }[]): Map<string, LaneLoads> {
  const index = new Map<number, number>();
  slots.starts.forEach((start, i) => index.set(start, i));
  const loads = new Map<string, LaneLoads>();
  for (const row of rows) {
    const slot = index.get(new Date(row.slotStart).getTime());
    if (slot === undefined) continue;
    let load = loads.get(row.provider);
    if (!load) loads.set(row.provider, (load = emptyLaneLoads(slots.starts.length)));
    loadOfLane(load, laneOf(row.kind))[slot] += row.reads;
  }
  return loads;
}
