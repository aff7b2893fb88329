/**
 * The latest a read's slot may end: its deadline less a margin, so the answer has time to come
 * back and a failure can still be backstopped before the TRT runs out — but never less than half
 * of the read's window, so a short TRT (an on-demand read) keeps room to be placed at all.
 */
export function planningDeadlineMs(earliestMs: number, deadlineMs: number, marginMs: number): number {
  return Math.max(deadlineMs - marginMs, earliestMs + (deadlineMs - earliestMs) / 2);
}
