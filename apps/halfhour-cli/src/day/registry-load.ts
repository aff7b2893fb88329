import { Population } from '@halfhour/simulation';
import { setTimeout as sleep } from 'node:timers/promises';
import { DayTimeline } from './day-timeline';
import { scrapeService } from './stack-view';
import { StackClient } from './stack-client';
import { UpstreamDriver } from './upstream-driver';

export type SetupMilestone = 'registryPublishing' | 'registryLoaded' | 'requestsPublishing' | 'requestsDecided';

export interface RegistryLoadParts {
  upstream: UpstreamDriver;
  population: Population;
  timeline: DayTimeline;
  client: StackClient;
  /** Real times (ms) each stage began or ended, for benchmarks. */
  milestones: Partial<Record<SetupMilestone, number>>;
  log: (line: string) => void;
}

/**
 * CSS and the users publish the registry; once every service's view of it is complete, the users'
 * requests before the plan, until all are decided and the scheduler holds every schedule. Then
 * the clock starts (free-running) or stands settled (stepped).
 */
export async function loadRegistryAndRequests(parts: RegistryLoadParts): Promise<void> {
  const { upstream, population, timeline, client, milestones, log } = parts;
  const waitFor = (what: string, check: () => Promise<boolean>) => waitUntil(what, check, 120_000 + population.meters.length * 20);
  milestones.registryPublishing = Date.now();
  await upstream.publishRegistry();
  // From the intake's counters, not its registry-size gauges: those scan the registry, and are
  // recounted the less often the larger it is.
  await waitFor('the registry', async () => {
    const intake = await scrapeService(client.replicaUrls.intake);
    const handled = intake.sum('halfhour_registration_messages_total') + intake.sum('halfhour_consumer_dead_letters_total');
    return handled >= upstream.registryMessagesToIntake && intake.sum('halfhour_registry_unpublished_timelines') === 0;
  });
  await waitFor('access-control’s and the scheduler’s registry views', async () => {
    const published = await client.viewFingerprint('registration-intake', 'mpan_timelines');
    return published === (await client.viewFingerprint('access-control', 'registry_view')) && published === (await client.viewFingerprint('scheduler', 'registry_view'));
  });
  milestones.registryLoaded = Date.now();
  milestones.requestsPublishing = Date.now();
  const sent = await upstream.publishRequests('BEFORE_PLAN', timeline.clock.now());
  await waitFor('access-control’s decisions', async () => (await scrapeService(client.replicaUrls.access)).sum('halfhour_access_decisions_total') >= sent);
  // The plan at 23:00 takes the schedules the scheduler holds by then: all of them must be in.
  const accepted = population.requests.filter((r) => r.phase === 'BEFORE_PLAN' && r.schedule && r.expected.decision === 'I0').length;
  await waitFor('the scheduler’s schedules', async () => Number((await client.query<{ n: string }>('scheduler', 'SELECT count(*) AS n FROM schedules', []))[0].n) >= accepted);
  milestones.requestsDecided = Date.now();
  if (timeline.stepped) {
    await timeline.stepped.settle();
    log(`registry loaded, ${sent} requests decided, ${accepted} schedules held; the clock stands at ${timeline.clock.now().toISOString()}`);
    return;
  }
  await timeline.startRunning();
  log(`registry loaded, ${sent} requests decided, ${accepted} schedules held; the clock runs from ${timeline.start.toISOString()} at ×${timeline.speed.toFixed(0)}`);
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s`);
    await sleep(250);
  }
}
