export interface BackoffSettings {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so replicas that
 * failed together do not retry together, and a delay never collapses to zero.
 */
export function backoffDelayMs(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const exponential = settings.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(settings.maxDelayMs, exponential);
  return Math.round(capped / 2 + (random() * capped) / 2);
}
