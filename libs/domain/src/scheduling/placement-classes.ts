import { Lane } from './capacity';
import { ProviderKey } from './provider-key';

/**
 * Demands that place alike: the same provider, lane and window. The plan places a count of each
 * class, not each demand, so what it holds is a few numbers per class however large the day is;
 * a daily plan has a class or two per provider and lane.
 */
export interface PlacementClass {
  key: string;
  provider: ProviderKey;
  lane: Lane;
  earliestMs: number;
  deadlineMs: number;
  count: number;
}

export function placementClassKey(lane: Lane, provider: ProviderKey, earliestMs: number, deadlineMs: number): string {
  return `${lane}|${provider}|${earliestMs}|${deadlineMs}`;
}

/** Counts demands by class, the classes in the order each was first seen (the order the plan reports providers in). */
export class PlacementTally {
  private readonly byKey = new Map<string, PlacementClass>();

  /** Counts one demand (or `count` alike); answers their class's key. */
  add(lane: Lane, provider: ProviderKey, earliestMs: number, deadlineMs: number, count = 1): string {
    const key = placementClassKey(lane, provider, earliestMs, deadlineMs);
    const seen = this.byKey.get(key);
    if (seen) seen.count += count;
    else this.byKey.set(key, { key, provider, lane, earliestMs, deadlineMs, count });
    return key;
  }

  get classes(): PlacementClass[] {
    return [...this.byKey.values()];
  }
}

/**
 * The slots a plan gave each class, in the order it gave them, as (slot, count) runs. The plan
 * gives a class's demands their slots in the order they were counted, so handing them out in that
 * same order — a chunk of demands at a time if need be — gives each demand the slot the plan of
 * every demand at once would have. A class spent (or never counted) answers -1: not placed.
 */
export class SlotDispenser {
  private readonly runs = new Map<string, number[]>();
  private readonly taken = new Map<string, { run: number; used: number }>();

  give(key: string, slot: number, count: number): void {
    const runs = this.runs.get(key);
    if (runs) runs.push(slot, count);
    else this.runs.set(key, [slot, count]);
  }

  take(key: string): number {
    const runs = this.runs.get(key);
    if (!runs) return -1;
    let at = this.taken.get(key);
    if (!at) this.taken.set(key, (at = { run: 0, used: 0 }));
    if (at.run >= runs.length) return -1;
    const slot = runs[at.run];
    if (++at.used >= runs[at.run + 1]) {
      at.run += 2;
      at.used = 0;
    }
    return slot;
  }
}
