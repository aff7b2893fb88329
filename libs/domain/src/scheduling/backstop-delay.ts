import { ItemState } from './item-state';
import { planningDeadlineMs } from './planning-deadline';

/** How long a failed read waits before its backstop may be sent: doubling per attempt, up to a cap. */
export interface BackstopDelay {
  /** The wait after the first failed attempt (config, default one slot). */
  firstMs: number;
  /** The longest wait, however many attempts have failed (config, default an hour). */
  maxMs: number;
}

export const DEFAULT_BACKSTOP_DELAY: BackstopDelay = { firstMs: 5 * 60_000, maxMs: 60 * 60_000 };

/**
 * The earliest a failed read may be tried again (R-SCH-5). A provider that failed a read is likely
 * to fail it again at once (it is down, or the meter is off the network): retrying in the same
 * slot only burns the slot's capacity and the provider's patience, so each backstop waits, twice
 * as long after each failed attempt. The wait never costs the read its last chance: it ends no
 * later than the latest moment a read can still be planned before `latestPlannableMs`
 * (the planning deadline), or at once when that has already passed.
 */
export function backstopEarliestMs(
  failed: { dispatchedAtMs: number; attempt: number; earliestMs: number; latestPlannableMs: number },
  delay: BackstopDelay,
): number {
  const attempts = Math.max(1, failed.attempt);
  const wait = Math.min(delay.maxMs, delay.firstMs * 2 ** Math.min(attempts - 1, 30));
  const backedOff = Math.min(failed.dispatchedAtMs + wait, Math.max(failed.dispatchedAtMs, failed.latestPlannableMs));
  return Math.max(failed.earliestMs, backedOff);
}

export interface ReadableFromPolicy {
  deadlineMarginMs: number;
  slotMinutes: number;
  backstopDelay: BackstopDelay;
}

/**
 * The earliest an item waiting for a slot may be read from `nowMs`: when its data exists, and for
 * a failed read after its backstop delay, as long as a slot before its deadline is left (two slots'
 * length before the planning deadline: a whole slot always fits after that, wherever the slot
 * boundaries fall).
 */
export function readableFromMs(
  item: { state: ItemState; earliestMs: number; deadlineMs: number; attempt: number; dispatchedAtMs: number | null },
  nowMs: number,
  policy: ReadableFromPolicy,
): number {
  const fromMs = Math.max(item.earliestMs, nowMs);
  if (item.state !== 'FAILED' || item.dispatchedAtMs === null) return fromMs;
  const latestPlannableMs = planningDeadlineMs(fromMs, item.deadlineMs, policy.deadlineMarginMs) - 2 * policy.slotMinutes * 60_000;
  return Math.max(fromMs, backstopEarliestMs({ dispatchedAtMs: item.dispatchedAtMs, attempt: item.attempt, earliestMs: fromMs, latestPlannableMs }, policy.backstopDelay));
}
