export interface BackoffSettings {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * The project's one backoff: exponential with "equal jitter" — half the delay fixed, half random,
 * so replicas that failed together do not retry together, and a delay never collapses to zero.
 * Used by the Kafka consumers, the device adapters' provider retries and the DIP relay.
 */
export function backoffDelayMs(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const exponential = settings.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(settings.maxDelayMs, exponential);
  return Math.round(capped / 2 + (random() * capped) / 2);
}
