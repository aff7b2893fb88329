import { setTimeout as sleep } from 'node:timers/promises';

/** The longest a fault's stall is watched for: past it, the pipeline had nothing to deliver (or stalled for good, which the day's checks find). */
const WATCHED_MS = 120_000;

/**
 * Real seconds from now until the SIMULATED DIP next takes a call with data: how long a fault
 * stalled delivery. Null when nothing came within two minutes (nothing was waiting to go).
 */
export async function realSecondsUntilNextDelivery(dipSimulatorUrl: string): Promise<number | null> {
  const started = Date.now();
  const accepted = async () => {
    const stats = (await (await fetch(`${dipSimulatorUrl}/dip/stats`)).json()) as { unique: number; duplicates: number };
    return stats.unique + stats.duplicates;
  };
  const before = await accepted();
  while (Date.now() - started < WATCHED_MS) {
    await sleep(250);
    if ((await accepted().catch(() => before)) > before) return (Date.now() - started) / 1000;
  }
  return null;
}
