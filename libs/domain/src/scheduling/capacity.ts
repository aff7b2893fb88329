import { ProviderKey } from './provider-key';

/**
 * What a provider's slot is shared between (R-SCH-7, NFR-10): the daily plan's scheduled MHHS
 * reads, on-demand reads and backstops, and business-as-usual traffic, which Halfhour never
 * plans into (the reserved share). Scheduled reads may use the MHHS share less the part kept for
 * on-demand reads; on-demand reads and backstops may use the whole MHHS share where scheduled
 * reads left room, and at night (the excluded window, closed to scheduled reads) their own share.
 */
export const LANES = ['SCHEDULED', 'ON_DEMAND'] as const;
export type Lane = (typeof LANES)[number];

/** A provider's reads per time slot and how they are shared (R-SCH-7). */
export interface ProviderCapacity {
  readsPerSlot: number;
  /** 0–1: the part of each slot MHHS traffic never uses: business as usual and priority work. */
  reservedShare: number;
  /** 0–1 of the slot, out of the MHHS share: kept for on-demand reads and backstops by day (default 0). */
  onDemandShare?: number;
  /** 0–1 of the slot on-demand reads and backstops may use in the excluded window (default 0: closed at night). */
  nightOnDemandShare?: number;
}

export interface CapacitySettings {
  /** Length of a time slot (config, default 5 minutes); a slot starts on a multiple of it from local midnight. */
  slotMinutes: number;
  /** The existing read window scheduled MHHS reads stay out of (R-SCH-3; config, default 00:00–06:00 local). */
  excludedWindow: { fromMinute: number; toMinute: number };
  providers: Readonly<Record<ProviderKey, ProviderCapacity>>;
  /** For a provider not named in `providers` (e.g. a new S1SP). */
  otherProviders: ProviderCapacity;
}

/**
 * Defaults sized for a national day (assumptions, all config): about 60 million reads a day
 * (30 million MPANs × a profile and a daily log) over the 216 five-minute slots outside the
 * excluded window, shared by three CSPs and the S1SPs, with 30 % of each slot kept for other work
 * and 5 % for on-demand reads and backstops; closed to all MHHS reads at night.
 */
export const DEFAULT_CAPACITY: CapacitySettings = {
  slotMinutes: 5,
  excludedWindow: { fromMinute: 0, toMinute: 6 * 60 },
  providers: {
    'CSP-NORTH': { readsPerSlot: 60_000, reservedShare: 0.3, onDemandShare: 0.05, nightOnDemandShare: 0 },
    'CSP-CENTRAL': { readsPerSlot: 80_000, reservedShare: 0.3, onDemandShare: 0.05, nightOnDemandShare: 0 },
    'CSP-SOUTH': { readsPerSlot: 80_000, reservedShare: 0.3, onDemandShare: 0.05, nightOnDemandShare: 0 },
  },
  otherProviders: { readsPerSlot: 40_000, reservedShare: 0.3, onDemandShare: 0.05, nightOnDemandShare: 0 },
};

export function capacityOf(settings: CapacitySettings, provider: ProviderKey): ProviderCapacity {
  return settings.providers[provider] ?? settings.otherProviders;
}

/** What MHHS may use of one slot by day: scheduled and on-demand reads together. */
export function mhhsReadsPerSlot(capacity: ProviderCapacity): number {
  return Math.floor(capacity.readsPerSlot * (1 - capacity.reservedShare));
}

/** What scheduled reads may use of one slot by day: the MHHS share less the on-demand lane's. */
export function scheduledReadsPerSlot(capacity: ProviderCapacity): number {
  const mhhs = mhhsReadsPerSlot(capacity);
  return mhhs - Math.min(mhhs, Math.floor(capacity.readsPerSlot * (capacity.onDemandShare ?? 0)));
}

/** What on-demand reads and backstops may use of one slot in the excluded window. */
export function nightOnDemandReadsPerSlot(capacity: ProviderCapacity): number {
  return Math.floor(capacity.readsPerSlot * (capacity.nightOnDemandShare ?? 0));
}

/** The lane a read of this kind is placed in: a backstop shares the on-demand lane (it is as urgent). */
export function laneOf(kind: string): Lane {
  return kind === 'SCHEDULED' ? 'SCHEDULED' : 'ON_DEMAND';
}

/** Reads already placed in each slot of a day for one provider, by lane. */
export interface LaneLoads {
  scheduled: Int32Array;
  onDemand: Int32Array;
}

export function emptyLaneLoads(slots: number): LaneLoads {
  return { scheduled: new Int32Array(slots), onDemand: new Int32Array(slots) };
}

/** Whether one lane of a provider has room left in any slot from `first` to `last` (inclusive). */
export function laneHasRoom(capacity: ProviderCapacity, dayTime: Uint8Array, lane: Lane, loads: LaneLoads, first: number, last: number): boolean {
  const { limit, load } = laneRoom(capacity, dayTime, lane, loads);
  for (let s = Math.max(0, first); s <= Math.min(last, limit.length - 1); s++) if (load[s] < limit[s]) return true;
  return false;
}

/**
 * What one lane may still take in each slot of a day, as (limit, load) pairs per slot:
 * scheduled reads up to their share, and never past the MHHS share with on-demand reads counted;
 * on-demand reads up to the MHHS share (their night share in the excluded window) with every read
 * counted. `dayTime[s]` is 1 outside the excluded window.
 */
export function laneRoom(capacity: ProviderCapacity, dayTime: Uint8Array, lane: Lane, loads: LaneLoads): { limit: Int32Array; load: Int32Array } {
  const n = dayTime.length;
  const limit = new Int32Array(n);
  const load = new Int32Array(n);
  const mhhs = mhhsReadsPerSlot(capacity);
  const scheduled = scheduledReadsPerSlot(capacity);
  const night = nightOnDemandReadsPerSlot(capacity);
  for (let s = 0; s < n; s++) {
    const total = dayTime[s] ? mhhs : night;
    if (lane === 'SCHEDULED') {
      limit[s] = dayTime[s] ? Math.max(0, Math.min(scheduled, total - loads.onDemand[s])) : 0;
      load[s] = loads.scheduled[s];
    } else {
      limit[s] = total;
      load[s] = loads.scheduled[s] + loads.onDemand[s];
    }
  }
  return { limit, load };
}
