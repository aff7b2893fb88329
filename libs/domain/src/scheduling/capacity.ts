import { DaySlots } from './day-slots';
import { ProviderKey } from './provider-key';

/**
 * What a provider's slot is shared between (R-SCH-7, NFR-10): the daily plan's scheduled MHHS
 * reads, on-demand reads and backstops, business-as-usual schedules (requests whose purpose is BAU),
 * and the rest of the reserved share, which Halfhour never plans into (installation,
 * commissioning, the DCC's other traffic). Scheduled reads may use the MHHS share less the part
 * kept for on-demand reads; on-demand reads and backstops may use the whole MHHS share where
 * scheduled reads left room, and at night (the excluded window, closed to scheduled MHHS reads)
 * their own share; BAU schedules use their own share of the reserved part, by day and at night.
 */
export const LANES = ['SCHEDULED', 'ON_DEMAND', 'BAU'] as const;
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
  /** 0–1 of the slot, out of the reserved share, BAU schedules may use by day (default 0). */
  bauShare?: number;
  /** 0–1 of the slot BAU schedules may use in the excluded window, their usual read window (default 0). */
  nightBauShare?: number;
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
 * (10 % of it for BAU schedules Halfhour places, half of each night slot) and 5 % for on-demand
 * reads and backstops; closed to all MHHS reads at night.
 */
const SHARES = { reservedShare: 0.3, onDemandShare: 0.05, nightOnDemandShare: 0, bauShare: 0.1, nightBauShare: 0.5 };
export const DEFAULT_CAPACITY: CapacitySettings = {
  slotMinutes: 5,
  excludedWindow: { fromMinute: 0, toMinute: 6 * 60 },
  providers: {
    'CSP-NORTH': { readsPerSlot: 60_000, ...SHARES },
    'CSP-CENTRAL': { readsPerSlot: 80_000, ...SHARES },
    'CSP-SOUTH': { readsPerSlot: 80_000, ...SHARES },
  },
  otherProviders: { readsPerSlot: 40_000, ...SHARES },
};

/** Why a set of shares cannot be (undefined: it can): each lane within what is left to it. */
export function invalidShares(capacity: ProviderCapacity): string | undefined {
  const { reservedShare, onDemandShare = 0, nightOnDemandShare = 0, bauShare = 0, nightBauShare = 0 } = capacity;
  const shares = { reservedShare, onDemandShare, nightOnDemandShare, bauShare, nightBauShare };
  const outOfRange = Object.entries(shares).find(([, share]) => !(share >= 0 && share <= 1));
  if (outOfRange) return `${outOfRange[0]} must be between 0 and 1`;
  if (onDemandShare > 1 - reservedShare) return 'onDemandShare must fit in the MHHS share (1 - reservedShare)';
  if (bauShare > reservedShare) return 'bauShare must fit in the reserved share';
  if (nightOnDemandShare + nightBauShare > 1) return 'nightOnDemandShare and nightBauShare together must not pass 1';
  return undefined;
}

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

/** What BAU schedules may use of one slot: their share by day, their night share in the excluded window. */
export function bauReadsPerSlot(capacity: ProviderCapacity, reads: number, night: boolean): number {
  return Math.floor(reads * ((night ? capacity.nightBauShare : capacity.bauShare) ?? 0));
}

/**
 * What each lane may use of each slot of a day: the scheduled lane's, the MHHS total (the
 * on-demand lane's, shared with scheduled reads) and the BAU lane's.
 */
export function laneLimits(capacity: ProviderCapacity, slots: Pick<DaySlots, 'mhhsAllowed' | 'minuteOfDay'>): { scheduled: Int32Array; total: Int32Array; bau: Int32Array } {
  const n = slots.mhhsAllowed.length;
  const scheduled = new Int32Array(n);
  const total = new Int32Array(n);
  const bau = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const reads = readsPerSlotAt(capacity, slots.minuteOfDay[s]);
    scheduled[s] = slots.mhhsAllowed[s] ? scheduledReadsPerSlot(capacity, reads) : 0;
    total[s] = slots.mhhsAllowed[s] ? mhhsReadsPerSlot(capacity, reads) : nightOnDemandReadsPerSlot(capacity, reads);
    bau[s] = bauReadsPerSlot(capacity, reads, !slots.mhhsAllowed[s]);
  }
  return { scheduled, total, bau };
}

/**
 * After a capacity cut: how many planned reads each slot must give up, per lane, to be within its
 * limits again — scheduled reads above their share first, then on-demand reads above what is left.
 */
export function overBooked(capacity: ProviderCapacity, slots: Pick<DaySlots, 'mhhsAllowed' | 'minuteOfDay'>, loads: LaneLoads): LaneLoads {
  const { scheduled, total, bau } = laneLimits(capacity, slots);
  const excess = emptyLaneLoads(scheduled.length);
  for (let s = 0; s < scheduled.length; s++) {
    excess.scheduled[s] = Math.max(0, loads.scheduled[s] - scheduled[s]);
    excess.onDemand[s] = Math.max(0, loads.scheduled[s] - excess.scheduled[s] + loads.onDemand[s] - total[s]);
    excess.bau[s] = Math.max(0, loads.bau[s] - bau[s]);
  }
  return excess;
}

/**
 * The kinds of read each lane carries: a backstop shares the on-demand lane (it is as urgent,
 * whatever the purpose of the read it stands in for); a BAU schedule's read is of kind BAU.
 */
export const LANE_KINDS: Readonly<Record<Lane, readonly string[]>> = { SCHEDULED: ['SCHEDULED'], ON_DEMAND: ['ON_DEMAND', 'BACKSTOP'], BAU: ['BAU'] };

/** The kinds of read that spend MHHS capacity (the scheduled and on-demand lanes). */
export const MHHS_KINDS: readonly string[] = [...LANE_KINDS.SCHEDULED, ...LANE_KINDS.ON_DEMAND];

/** The lane a read of this kind is placed in. */
export function laneOf(kind: string): Lane {
  return LANES.find((lane) => LANE_KINDS[lane].includes(kind)) ?? 'ON_DEMAND';
}

/** Reads already placed in each slot of a day for one provider, by lane. */
export interface LaneLoads {
  scheduled: Int32Array;
  onDemand: Int32Array;
  bau: Int32Array;
}

export function emptyLaneLoads(slots: number): LaneLoads {
  return { scheduled: new Int32Array(slots), onDemand: new Int32Array(slots), bau: new Int32Array(slots) };
}

/** One lane's reads per slot in `loads`. */
export function loadOfLane(loads: LaneLoads, lane: Lane): Int32Array {
  return lane === 'SCHEDULED' ? loads.scheduled : lane === 'ON_DEMAND' ? loads.onDemand : loads.bau;
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
 * on-demand reads up to the MHHS share (their night share in the excluded window) with every MHHS
 * read counted; BAU schedules up to their own share.
 */
export function laneRoom(capacity: ProviderCapacity, slots: Pick<DaySlots, 'mhhsAllowed' | 'minuteOfDay'>, lane: Lane, loads: LaneLoads): { limit: Int32Array; load: Int32Array } {
  const { scheduled, total, bau } = laneLimits(capacity, slots);
  if (lane === 'BAU') return { limit: bau, load: Int32Array.from(loads.bau) };
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
