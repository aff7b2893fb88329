import { mhhsReadsPerSlot, ProviderCapacity } from './capacity';
import { ReadFailureCode } from './read-failure';

/**
 * When a provider is out, and what Halfhour plans for it meanwhile (R-SCH-7, NFR-9): reads that
 * fail because the provider itself did not answer — the adapter's circuit is open, the provider
 * errs or times out — count towards an outage; once `failuresToDeclare` of them come with no read
 * answered in between, the provider is out and its capacity in force drops to `capacityShare` of
 * what the operator set: the rest of its plan is re-made within that, and the few reads still
 * planned are the probes that find it back. The first read it answers ends the outage.
 */
export interface OutageSettings {
  failuresToDeclare: number;
  /** 0–1: the part of the provider's capacity planned while it is out. */
  capacityShare: number;
}

export const DEFAULT_OUTAGE_SETTINGS: OutageSettings = { failuresToDeclare: 20, capacityShare: 0.1 };

/** Failures that say the provider is not answering, rather than one meter or the adapter. */
export const OUTAGE_FAILURE_CODES: readonly ReadFailureCode[] = ['PROVIDER_UNAVAILABLE', 'PROVIDER_ERROR', 'TIMEOUT'];

export interface OutageState {
  /** Provider failures since the last read it answered. */
  failures: number;
  out: boolean;
}

/** What a batch of results says of one provider: reads it answered (with data), and failures that were its own. */
export interface ProviderEvidence {
  answered: number;
  providerFailures: number;
}

/** Per provider, what these read results say of it. */
export function evidenceOf(results: readonly { provider: string; outcome: string; failureCode?: string }[]): Map<string, ProviderEvidence> {
  const evidence = new Map<string, ProviderEvidence>();
  for (const result of results) {
    const seen = evidence.get(result.provider) ?? { answered: 0, providerFailures: 0 };
    if (result.outcome !== 'FAILED') seen.answered++;
    else if ((OUTAGE_FAILURE_CODES as readonly string[]).includes(result.failureCode ?? '')) seen.providerFailures++;
    evidence.set(result.provider, seen);
  }
  return evidence;
}

/** The provider's state after what a batch of results says: any read answered ends an outage. */
export function nextOutageState(state: OutageState, evidence: ProviderEvidence, settings: OutageSettings): OutageState {
  if (evidence.answered > 0) return { failures: 0, out: false };
  const failures = state.failures + evidence.providerFailures;
  return { failures, out: state.out || failures >= settings.failuresToDeclare };
}

/**
 * What is planned for a provider while it is out: `share` of each slot's reads, the lanes' shares as
 * ever — yet never so few that no MHHS read is planned at all, for those reads are the probes that
 * find the provider back (a small provider cut to nothing would stay out for good).
 */
export function capacityInOutage(capacity: ProviderCapacity, share: number): ProviderCapacity {
  const cut = (reads: number) => Math.min(reads, Math.max(Math.floor(reads * share), readsForOneMhhsRead(capacity)));
  return {
    ...capacity,
    readsPerSlot: cut(capacity.readsPerSlot),
    ...(capacity.periods ? { periods: capacity.periods.map((p) => ({ ...p, readsPerSlot: cut(p.readsPerSlot) })) } : {}),
  };
}

/** The fewest reads a slot that leave one for MHHS after the reserved share (none: the share is the whole slot). */
function readsForOneMhhsRead(capacity: ProviderCapacity): number {
  if (capacity.reservedShare >= 1) return 0;
  let reads = Math.max(1, Math.floor(1 / (1 - capacity.reservedShare)));
  while (mhhsReadsPerSlot(capacity, reads) < 1) reads++;
  return reads;
}
