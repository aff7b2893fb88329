import { DaySlots } from '@halfhour/domain';

/** Turns "reads per provider and slot start" rows into the planner's per-slot arrays for one day. */
export function loadsBySlot(slots: DaySlots, rows: readonly { provider: string; slotStart: Date; reads: number }[]): Map<string, Int32Array> {
  const index = new Map<number, number>();
  slots.starts.forEach((start, i) => index.set(start, i));
  const loads = new Map<string, Int32Array>();
  for (const row of rows) {
    const slot = index.get(new Date(row.slotStart).getTime());
    if (slot === undefined) continue;
    let load = loads.get(row.provider);
    if (!load) loads.set(row.provider, (load = new Int32Array(slots.starts.length)));
    load[slot] += row.reads;
  }
  return loads;
}
