import { EachBatchPayload } from 'kafkajs';

/** How often the consumer tells its group it is alive, also while a handler is busy with a batch. */
export const HEARTBEAT_INTERVAL_MS = 3_000;

/** Thrown inside a batch when the consumer is stopping: the rest of the batch stays uncommitted. */
export class ConsumerStopping extends Error {}

/** Throws ConsumerStopping once the consumer stops or a rebalance has taken the batch's partition. */
export function assertStillHeld(payload: EachBatchPayload): void {
  if (!payload.isRunning() || payload.isStale()) throw new ConsumerStopping();
}

/**
 * Runs a handler while heartbeating for the consumer, so a batch that takes longer than the
 * session timeout (slow provider calls) keeps its partitions instead of being redelivered to
 * another member mid-way. A heartbeat refused during a rebalance is left to the commit, which then
 * finds the batch stale.
 */
export async function keepingSessionAlive<R>(payload: EachBatchPayload, work: () => Promise<R>): Promise<R> {
  const timer = setInterval(() => void payload.heartbeat().catch(() => undefined), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Waits between attempts at a batch while keeping the group membership alive; gives up if the batch is no longer ours. */
export async function pauseKeepingSession(delayMs: number, payload: EachBatchPayload): Promise<void> {
  const until = Date.now() + delayMs;
  while (Date.now() < until) {
    assertStillHeld(payload);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(1_000, until - Date.now()))));
    await payload.heartbeat();
  }
  assertStillHeld(payload);
}
