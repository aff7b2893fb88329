import { ProviderKey } from './provider-key';

/** A provider's reads per time slot, and the share kept for business-as-usual and priority work (R-SCH-7). */
export interface ProviderCapacity {
  readsPerSlot: number;
  /** 0–1: the part of each slot MHHS traffic never uses. */
  reservedShare: number;
}

export interface CapacitySettings {
  /** Length of a time slot (config, default 5 minutes); a slot starts on a multiple of it from local midnight. */
  slotMinutes: number;
  /** The existing read window MHHS stays out of (R-SCH-3; config, default 00:00–06:00 local). */
  excludedWindow: { fromMinute: number; toMinute: number };
  providers: Readonly<Record<ProviderKey, ProviderCapacity>>;
  /** For a provider not named in `providers` (e.g. a new S1SP). */
  otherProviders: ProviderCapacity;
}

/**
 * Defaults sized for a national day (assumptions, all config): about 60 million reads a day
 * (30 million MPANs × a profile and a daily log) over the 216 five-minute slots outside the
 * excluded window, shared by three CSPs and the S1SPs, with 30 % of each slot kept for other work.
 */
export const DEFAULT_CAPACITY: CapacitySettings = {
  slotMinutes: 5,
  excludedWindow: { fromMinute: 0, toMinute: 6 * 60 },
  providers: {
    'CSP-NORTH': { readsPerSlot: 60_000, reservedShare: 0.3 },
    'CSP-CENTRAL': { readsPerSlot: 80_000, reservedShare: 0.3 },
    'CSP-SOUTH': { readsPerSlot: 80_000, reservedShare: 0.3 },
  },
  otherProviders: { readsPerSlot: 40_000, reservedShare: 0.3 },
};

export function capacityOf(settings: CapacitySettings, provider: ProviderKey): ProviderCapacity {
  return settings.providers[provider] ?? settings.otherProviders;
}

/** What MHHS may use of one slot of a provider. */
export function mhhsReadsPerSlot(capacity: ProviderCapacity): number {
  return Math.floor(capacity.readsPerSlot * (1 - capacity.reservedShare));
}
