import { DaySlots } from './day-slots';
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
  /**
   * A time-of-day profile: in these local times (minutes of the day, `from` inclusive, `to`
   * exclusive) the provider takes this many reads a slot instead of `readsPerSlot`; the shares apply
   * as everywhere. The first period that holds a slot's start wins.
   */
  periods?: readonly { fromMinute: number; toMinute: number; readsPerSlot: number }[];
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

/** The reads a slot starting at this local minute takes: the profile's period holding it, or the flat figure. */
export function readsPerSlotAt(capacity: ProviderCapacity, minuteOfDay: number): number {
  return capacity.periods?.find((p) => minuteOfDay >= p.fromMinute && minuteOfDay < p.toMinute)?.readsPerSlot ?? capacity.readsPerSlot;
}

/** What MHHS may use of one slot by day (at the flat figure, or `reads`): scheduled and on-demand reads together. */
export function mhhsReadsPerSlot(capacity: ProviderCapacity, reads = capacity.readsPerSlot): number {
  return Math.floor(reads * (1 - capacity.reservedShare));
}

/** What scheduled reads may use of one slot by day: the MHHS share less the on-demand lane's. */
export function scheduledReadsPerSlot(capacity: ProviderCapacity, reads = capacity.readsPerSlot): number {
  const mhhs = mhhsReadsPerSlot(capacity, reads);
  return mhhs - Math.min(mhhs, Math.floor(reads * (capacity.onDemandShare ?? 0)));
}

/** What on-demand reads and backstops may use of one slot in the excluded window. */
export function nightOnDemandReadsPerSlot(capacity: ProviderCapacity, reads = capacity.readsPerSlot): number {
  return Math.floor(reads * (capacity.nightOnDemandShare ?? 0));
}

/** What each lane may use of each slot of a day: the scheduled lane's and the MHHS total (the on-demand lane's). */
export function laneLimits(capacity: ProviderCapacity, slots: Pick<DaySlots, 'mhhsAllowed' | 'minuteOfDay'>): { scheduled: Int32Array; total: Int32Array } {
  const n = slots.mhhsAllowed.length;
  const scheduled = new Int32Array(n);
  const total = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const reads = readsPerSlotAt(capacity, slots.minuteOfDay[s]);
    scheduled[s] = slots.mhhsAllowed[s] ? scheduledReadsPerSlot(capacity, reads) : 0;
    total[s] = slots.mhhsAllowed[s] ? mhhsReadsPerSlot(capacity, reads) : nightOnDemandReadsPerSlot(capacity, reads);
  }
  return { scheduled, total };
}

/**
 * After a capacity cut: how many planned reads each slot must give up, per lane, to be within its
 * limits again — scheduled reads above their share first, then on-demand reads above what is left.
 */
export function overBooked(capacity: ProviderCapacity, slots: Pick<DaySlots, 'mhhsAllowed' | 'minuteOfDay'>, loads: LaneLoads): LaneLoads {
  const { scheduled, total } = laneLimits(capacity, slots);
  const excess = emptyLaneLoads(scheduled.length);
  for (let s = 0; s < scheduled.length; s++) {
    excess.scheduled[s] = Math.max(0, loads.scheduled[s] - scheduled[s]);
    excess.onDemand[s] = Math.max(0, loads.scheduled[s] - excess.scheduled[s] + loads.onDemand[s] - total[s]);
  }
  return excess;
}

/** The kinds of read each lane carries: a backstop shares the on-demand lane (it is as urgent). */
export const LANE_KINDS: Readonly<Record<Lane, readonly string[]>> = { SCHEDULED: ['SCHEDULED'], ON_DEMAND: ['ON_DEMAND', 'BACKSTOP'] };

/** The lane a read of this kind is placed in. */
export function laneOf(kind: string): Lane {
  return LANE_KINDS.SCHEDULED.includes(kind) ? 'SCHEDULED' : 'ON_DEMAND';
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
export function laneHasRoom(capacity: ProviderCapacity, slots: Pick<DaySlots, 'mhhsAllowed' | 'minuteOfDay'>, lane: Lane, loads: LaneLoads, first: number, last: number): boolean {
  const { limit, load } = laneRoom(capacity, slots, lane, loads);
  for (let s = Math.max(0, first); s <= Math.min(last, limit.length - 1); s++) if (load[s] < limit[s]) return true;
  return false;
}

/**
 * What one lane may still take in each slot of a day, as (limit, load) pairs per slot:
 * scheduled reads up to their share, and never past the MHHS share with on-demand reads counted;
 * on-demand reads up to the MHHS share (their night share in the excluded window) with every read
 * counted.
 */
export function laneRoom(capacity: ProviderCapacity, slots: Pick<DaySlots, 'mhhsAllowed' | 'minuteOfDay'>, lane: Lane, loads: LaneLoads): { limit: Int32Array; load: Int32Array } {
  const { scheduled, total } = laneLimits(capacity, slots);
  const n = scheduled.length;
  const limit = new Int32Array(n);
  const load = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (lane === 'SCHEDULED') {
      limit[s] = Math.max(0, Math.min(scheduled[s], total[s] - loads.onDemand[s]));
      load[s] = loads.scheduled[s];
    } else {
      limit[s] = total[s];
      load[s] = loads.scheduled[s] + loads.onDemand[s];
    }
  }
  return { limit, load };
}
