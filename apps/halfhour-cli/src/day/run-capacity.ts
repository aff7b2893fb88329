import { DEFAULT_CAPACITY, providerKeyOf } from '@halfhour/domain';
import { SimulatedMeter } from '@halfhour/simulation';

/** Slots between 06:00 and midnight at the default slot length. */
const OPEN_SLOTS = ((24 - 6) * 60) / DEFAULT_CAPACITY.slotMinutes;
const RESERVED_SHARE = DEFAULT_CAPACITY.otherProviders.reservedShare;
/** CSP North runs close to its limit (R-DEV-4); the others keep a third of their MHHS share spare. */
const HEADROOM: Record<string, number> = { 'CSP-NORTH': 1.08 };
const DEFAULT_HEADROOM = 1.5;
/**
 * The fewest reads a slot a provider is given, so each lane keeps whole reads: at 2 a slot (1 for
 * MHHS, 1 for the provider's BAU traffic, no slack) one adapter retry after a failed call put BAU
 * reads behind in 4–8 % of the slots Halfhour used (found by the day report's BAU figures).
 */
const MIN_READS_PER_SLOT = 10;

/**
 * Each provider's reads per slot for a run, scaled to the meters it reads a day (a week's: on its
 * busiest, the last) as the national figures are to the nation, so the capacity picture shows the
 * same shape: every provider's day fits within its MHHS share, one of them tightly (from about
 * 5,000 MPANs read a day; smaller runs have room).
 */
export function providerCapacityFor(readDaily: readonly Pick<SimulatedMeter, 'provider'>[]): string {
  const reads = new Map<string, number>();
  for (const meter of readDaily) {
    const provider = providerKeyOf(meter.provider);
    reads.set(provider, (reads.get(provider) ?? 0) + 1);
  }
  return [...reads.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([provider, count]) => {
      const mhhsPerSlot = (count * (HEADROOM[provider] ?? DEFAULT_HEADROOM)) / OPEN_SLOTS;
      return `${provider}=${Math.max(MIN_READS_PER_SLOT, Math.ceil(mhhsPerSlot / (1 - RESERVED_SHARE)))}`;
    })
    .join(',');
}

/** The part of each slot the SIMULATED providers' own BAU traffic takes: most of what MHHS leaves (the reserved share). */
const BAU_TRAFFIC_SHARE = 0.2;

/**
 * What each SIMULATED provider serves a slot — the capacity the scheduler is told — and its own BAU
 * reads a slot, which together with the MHHS share fill at most the whole slot: the report then
 * shows whether MHHS collection left BAU traffic as it was (NFR-10).
 */
export function providerLoadFor(providerCapacity: string): { provider: string; capacityPerSlot: number; bauReadsPerSlot: number }[] {
  return providerCapacity.split(',').map((entry) => {
    const [provider, reads] = entry.split('=');
    const capacityPerSlot = Number(reads);
    const mhhs = Math.floor(capacityPerSlot * (1 - RESERVED_SHARE));
    return { provider, capacityPerSlot, bauReadsPerSlot: Math.min(capacityPerSlot - mhhs, Math.max(1, Math.round(capacityPerSlot * BAU_TRAFFIC_SHARE))) };
  });
}
