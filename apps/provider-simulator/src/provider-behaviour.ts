/** How a simulated provider (or one meter behind it) behaves; tests and operators change it over HTTP. */
export interface Behaviour {
  /** Each answer takes a uniformly random time in [min, max] ms. */
  latencyMs: [number, number];
  /** Share of reads answered 503. */
  failureRate: number;
  /** Share of reads never answered (the caller must time out). */
  timeoutRate: number;
  /** Share of reads answered with every seventh half hour missing. */
  partialRate: number;
  /** Above this many reads in a second the provider answers 429 (0: no limit). */
  maxRequestsPerSecond: number;
  /** Larger requests are refused with 413 (R-DEV-4: CSP North and large payloads). */
  maxPeriodsPerRequest: number;
  /** The provider is down: every read answered 503. */
  down: boolean;
  /** Reads the provider serves in a slot of (simulated) time, Halfhour's and BAU together (0: no limit; see ProviderLoad). */
  capacityPerSlot: number;
  /** The provider's own business-as-usual reads in every slot, which never pass through Halfhour. */
  bauReadsPerSlot: number;
}

const NORMAL: Behaviour = {
  latencyMs: [2, 15], failureRate: 0, timeoutRate: 0, partialRate: 0, maxRequestsPerSecond: 0, maxPeriodsPerRequest: 20_000, down: false, capacityPerSlot: 0, bauReadsPerSlot: 0,
};

/** CSP North is slower and constrained for large payloads; the others answer quickly. */
export function defaultBehaviourOf(provider: string): Behaviour {
  return provider === 'CSP-NORTH' ? { ...NORMAL, latencyMs: [20, 60], maxPeriodsPerRequest: 50 } : { ...NORMAL };
}

export function withChanges(behaviour: Behaviour, changes: Partial<Behaviour>): Behaviour {
  const next = { ...behaviour };
  for (const key of Object.keys(NORMAL) as (keyof Behaviour)[]) {
    if (changes[key] !== undefined) (next as Record<string, unknown>)[key] = changes[key];
  }
  return next;
}
