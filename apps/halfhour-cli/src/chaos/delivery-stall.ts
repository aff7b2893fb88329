import { setTimeout as sleep } from 'node:timers/promises';

/** The longest a fault's stall is watched for. */
const WATCHED_MS = 300_000;

/**
 * Real seconds from now until the SIMULATED DIP next takes a call with data: how long a fault
 * stalled delivery (the run's clock stands still while the system has work it cannot finish, so
 * real time is the measure). Null when nothing came within five minutes or before `dayOver` was
 * signalled: nothing was waiting to go, the DIP itself was down, or the pipeline stalled for good
 * (which the day's checks find).
 */
export async function realSecondsUntilNextDelivery(dipSimulatorUrl: string, dayOver: AbortSignal): Promise<number | null> {
  const started = Date.now();
  const accepted = async () => {
    const stats = (await (await fetch(`${dipSimulatorUrl}/dip/stats`)).json()) as { unique: number; duplicates: number };
    return stats.unique + stats.duplicates;
  };
  const before = await accepted().catch(() => Number.POSITIVE_INFINITY);
  while (Date.now() - started < WATCHED_MS && !dayOver.aborted) {
    await sleep(250);
    if ((await accepted().catch(() => before)) > before) return (Date.now() - started) / 1000;
  }
  return null;
}
