import 'reflect-metadata';
import { settlementDayOf } from '@halfhour/domain';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DayOptions } from '../../apps/halfhour-cli/src/day/day-options';
import { SettlementDayRun } from '../../apps/halfhour-cli/src/day/settlement-day-run';
import { scrapeStack } from '../../apps/halfhour-cli/src/day/stack-view';
import { processNameOf, SERVICE_CATALOGUE } from '../../apps/halfhour-cli/src/stack/service-catalogue';
import { StackShape } from '../../apps/halfhour-cli/src/chaos/fault-plan';
import { describeShares, replicaShares } from './replica-shares';
import { repositoryRoot } from './bench-support';
import { StageClock, StageRate } from './stage-clock';
import { CpuShare, CpuShares, pidsMatching } from './cpu-shares';
import { CpuProfile, ProfileSummary, summariseProfile } from './cpu-profile-summary';
import { bytesPerMpanDay, storedTables } from './stored-bytes';
import { describeTableWrites, tableWrites } from './table-writes';
import { describeConsumerBatches } from './consumer-batches';
import { MemoryPeaks } from './memory-peaks';
import { ResidentPeaks } from './resident-peaks';
import { HeapSnapshots } from './heap-snapshots';

const PROFILE_DIR = 'out/bench-profile';

/** What ran: processes per service, brokers, and V8 flags every service was given (`--node-options`, e.g. a heap cap). */
export interface BenchShape extends StackShape {
  nodeOptions?: string;
}

/**
 * TRTs and the no-response sweep in the bench, simulated seconds: ten years, which the ×6646 clock
 * takes 13 real hours to pass. Thirty days (390 real seconds) expired 88,000 of 200,000 reads still
 * queued on this machine.
 */
const LIFTED_SECONDS = 3650 * 86_400;

/** The settlement day, sampled at each of the run's looks at the stack for each stage's rate; each process's peak memory. */
export async function measureDay(mpanDays: number, profile: boolean, heapSnapshots?: HeapSnapshots, shape: BenchShape = { replicas: 1, brokers: 1 }) {
  // A free-running clock: 18 open hours pass in ~10 real seconds, so every read is due at once and the stages set the
  // pace; TRTs, the no-response sweep and the call timeout are lifted (to production's 10 s) so a
  // backlog on a busy machine is not mistaken for failure.
  const options: DayOptions = {
    mpans: mpanDays, seed: 162, collectionDay: settlementDayOf(new Date()), clockMode: 'free-running', daySeconds: 13,
    keepRunning: false, outDir: 'out/bench-day', portOffset: 0, namespace: 'bench', progressBars: false, profileDir: profile ? PROFILE_DIR : undefined,
    replicas: shape.replicas, brokers: shape.brokers, serviceNodeFlags: shape.nodeOptions?.split(/\s+/).filter(Boolean),
    providerFailures: false, oneDaySchedules: true, settleSeconds: 3600,
    extraEnvironment: { MHHS_TRT_SECONDS: String(LIFTED_SECONDS), EXISTING_ON_DEMAND_TRT_SECONDS: String(LIFTED_SECONDS), NO_RESPONSE_AFTER_SECONDS: String(LIFTED_SECONDS), CALL_TIMEOUT_MS: '10000', DIP_CALL_TIMEOUT_MS: '30000', LOG_LEVEL: 'error', ...heapSnapshots?.environment() },
  };
  const run = new SettlementDayRun(options, (line) => console.log(`  ${line}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void run.stop().finally(() => process.exit(130)));
  }
  if (profile) rmSync(join(repositoryRoot, PROFILE_DIR), { recursive: true, force: true });
  const clock = new StageClock();
  // Each process's share of the machine while the day's reads flow: from the first dispatch to the end of the day.
  const cpu = new CpuShares({
    ...Object.fromEntries(SERVICE_CATALOGUE.map(({ name }) => [name, () => run.stack.processIdsOf(name)])),
    'kafka broker': () => pidsMatching(/kafka\.Kafka/),
    postgresql: () => pidsMatching(/^postgres/),
    'bench driver': () => [process.pid],
  });
  let cpuStarted = false;
  // Sampled from the run's own looks at the stack (twice a second while the day runs), not by scraping it again.
  run.onMetrics((m) => {
    const dispatched = m.scheduler.sum('halfhour_scheduler_dispatched_total');
    if (dispatched > 0 && !cpuStarted) {
      cpu.start();
      cpuStarted = true;
    }
    clock.sample({
      dispatched,
      read: m.smets1.sum('halfhour_adapter_results_total') + m.smets2.sum('halfhour_adapter_results_total'),
      // In the DIP outbox: the forwarder has taken the result in; "delivered" is its relay's part.
      queued: m.dip.sum('halfhour_dip_messages_total', { outcome: 'queued' }),
      delivered: m.dip.sum('halfhour_dip_messages_total', { outcome: 'delivered' }),
    });
    if (heapSnapshots && m.dip.sum('halfhour_dip_messages_total', { outcome: 'delivered' }) >= mpanDays / 2) {
      heapSnapshots.takeOnce(Object.fromEntries(Object.entries(run.stack.processIds()).filter(([name]) => run.stack.entries.some((e) => processNameOf(e) === name && !e.simulator))));
    }
  });
  let peakRss: Record<string, number> = {};
  const startedAt = Date.now();
  let stopped = false;
  // What each service's peak is made of: every two seconds from the start, the registry's load included (the day's looks begin after it).
  const memory = new MemoryPeaks();
  const resident = new ResidentPeaks();
  const memoryLooks = setInterval(() => {
    resident.sample(run.stack.processIds());
    void scrapeStack(run.client.replicaUrls).then((m) => memory.sample(m));
  }, 2000);
  try {
    const report = await run.run();
    clearInterval(memoryLooks);
    const cpuShares = cpu.shares();
    peakRss = run.stack.peakRssMb();
    const collection = clock.rates();
    const marks = run.milestones;
    const rate = (count: number, from?: number, to?: number): StageRate => {
      const seconds = ((to ?? 0) - (from ?? 0)) / 1000;
      return { count, seconds, perSecond: seconds > 0 ? count / seconds : 0 };
    };
    const registryMessages = run.population.meters.length * 2 + run.population.meters.filter((meter) => meter.mdr).length; // supplier, consent, MDR appointment
    const stages: Record<string, StageRate> = {
      // The registry: CSS messages published until every view holds every timeline.
      registry: rate(registryMessages + run.population.meters.length, marks.registryPublishing, marks.registryLoaded),
      // The day's requests: published until all decided.
      decided: rate(run.population.requests.filter((r) => r.phase === 'BEFORE_PLAN').length, marks.requestsPublishing, marks.requestsDecided),
      ...collection,
    };
    const end = await scrapeStack(run.client.replicaUrls);
    const planSeconds = end.scheduler.histogram('halfhour_scheduler_plan_seconds').sum;
    for (const [stage, rate] of Object.entries(stages)) {
      const tail = rate.secondsTo95 === undefined ? '' : ` (95 % in ${rate.secondsTo95.toFixed(1)} s)`;
      console.log(`  ${stage.padEnd(11)} ${String(rate.count).padStart(8)} in ${rate.seconds.toFixed(1).padStart(6)} s = ${Math.round(rate.perSecond)}/s${tail}`);
    }
    mkdirSync(join(repositoryRoot, 'out'), { recursive: true });
    writeFileSync(join(repositoryRoot, 'out', 'bench-stages.csv'), clock.csv());
    console.log(`  plan        ${report.reads.scheduled.items} items planned and written in ${planSeconds.toFixed(2)} s`);
    const dispatchedCommands = end.scheduler.sum('halfhour_scheduler_dispatched_total');
    const readResults = end.smets1.sum('halfhour_adapter_results_total') + end.smets2.sum('halfhour_adapter_results_total');
    const resultsPerCommand = readResults / Math.max(dispatchedCommands, 1);
    console.log(`  read results per dispatched command: ${resultsPerCommand.toFixed(3)} (${readResults} for ${dispatchedCommands}; above 1 means meters read again for one command)`);
    console.log(`  peak RSS (MB): ${Object.entries(peakRss).map(([name, mb]) => `${name} ${mb.toFixed(0)}`).join(', ')}`);
    console.log(`  of which at most, sampled every 2 s (MB), the process's own + mapped from files and shared: ${resident.line()}`);
    console.log('  each service at its largest resident set, as its metrics told it (sampled every 2 s):');
    for (const line of memory.lines()) console.log(`    ${line}`);
    if (heapSnapshots) console.log(`  each service's live heap half-way through the day, by kind of object:\n${heapSnapshots.lines().map((line) => `    ${line}`).join('\n')}`);
    const startToReadyMs = run.stack.startToReadyMs();
    console.log(`  start to ready, all at once (ms): ${Object.entries(startToReadyMs).map(([name, ms]) => `${name} ${ms ?? '?'}`).join(', ')}`);
    console.log('  consumer batches (a small mean size at a short mean time: the stage waits on hand-offs, not on work):');
    for (const line of describeConsumerBatches(end)) console.log(`    ${line}`);
    const shares = replicaShares(end, (instance) => run.stack.processAt(instance));
    if (shape.replicas > 1) {
      console.log(`  each replica's share (${shape.replicas} per service, ${shape.brokers} broker${shape.brokers > 1 ? 's' : ''}):`);
      for (const line of describeShares(shares)) console.log(`    ${line}`);
    }
    console.log(`  checks: deliveries as designed ${report.checks.deliveries.ok}, answers as designed ${report.checks.responses.ok}`);
    console.log('  share of the machine’s CPU from the first dispatch to the end of the day (all of it: 100 %), and how much of it on the main threads:');
    for (const share of cpuShares) {
      // Node's processes: the broker's JVM idles on its main thread, PostgreSQL's backends have only one.
      const mainThread = share.mainThreadSeconds > 0 && share.mainThreadSeconds < share.cpuSeconds ? `, main thread ${share.mainThreadSeconds.toFixed(1)}` : '';
      console.log(`    ${share.name.padEnd(20)} ${(share.share * 100).toFixed(1).padStart(5)} %  (${share.cpuSeconds.toFixed(1)} CPU s${mainThread})`);
    }
    const cpuMsPerMpanDay = halfhourCpuMsPerMpanDay(cpuShares, report.dip.mpanDaysDelivered);
    console.log(`  Halfhour's CPU (services, broker, PostgreSQL) per MPAN-day delivered: ${cpuMsPerMpanDay.toFixed(2)} ms`);
    const databaseUrls = Object.fromEntries(SERVICE_CATALOGUE.filter((entry) => entry.database).map((entry) => [entry.name, run.namespace.databaseUrlOf(entry)]));
    const writes = await tableWrites(databaseUrls);
    console.log('  PostgreSQL row writes, by table:');
    for (const line of describeTableWrites(writes, report.dip.mpanDaysDelivered)) console.log(`    ${line}`);
    const stored = bytesPerMpanDay(await storedTables(databaseUrls), report.dip.mpanDaysDelivered);
    for (const line of stored.lines) console.log(`  ${line}`);
    await run.stop();
    stopped = true;
    const profiles = profile ? summariseProfiles() : undefined;
    const produced = [end.intake, end.access, end.scheduler, end.smets1, end.smets2, end.dip].reduce((n, m) => n + m.sum('halfhour_producer_messages_total'), 0);
    const upstream = run.population.requests.length + report.population.mpans * 3; // requests, and about three CSS messages per MPAN
    return {
      shape, replicaShares: shape.replicas > 1 ? shares : undefined, stages, planSeconds, resultsPerCommand, tableWrites: writes, bytesPerMpanDay: { steady: stored.steady, onDisk: stored.onDisk }, peakRssMb: peakRss, residentPeaks: resident.byProcess, memoryAtPeak: memory.byService, startToReadyMs, cpuShares, cpuMsPerMpanDay, profiles, realSeconds: (Date.now() - startedAt) / 1000, mpanDaysDelivered: report.dip.mpanDaysDelivered,
      kafkaMessages: produced + upstream, messagesPerMpanDay: (produced + upstream) / Math.max(report.dip.mpanDaysDelivered, 1), checks: report.checks,
    };
  } finally {
    clearInterval(memoryLooks);
    if (!stopped) await run.stop();
    await run.cleanUp();
  }
}

/** The CPU Halfhour itself spent per MPAN-day: not the simulators' nor the bench driver's. */
function halfhourCpuMsPerMpanDay(shares: readonly CpuShare[], mpanDays: number): number {
  const halfhour = shares.filter((share) => !/simulator|bench driver/.test(share.name));
  return (halfhour.reduce((sum, share) => sum + share.cpuSeconds, 0) * 1000) / Math.max(mpanDays, 1);
}

/** Every process's profile (written as it stopped): where its time went, printed and returned. */
function summariseProfiles(): Record<string, ProfileSummary> {
  const dir = join(repositoryRoot, PROFILE_DIR);
  const summaries: Record<string, ProfileSummary> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
    const name = file.replace(/\.cpuprofile$/, '');
    const summary = summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, 12);
    summaries[name] = summary;
    const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
    console.log(`\n  ${name}: ${(summary.busyMs / 1000).toFixed(1)} s busy`);
    console.log(`    by area:  ${summary.topAreas.slice(0, 8).map((a) => `${a.name} ${percent(a.share)}`).join(', ')}`);
    for (const f of summary.topFunctions.slice(0, 10)) console.log(`    ${percent(f.share).padStart(7)}  ${f.name}`);
  }
  console.log(`  profiles in ${PROFILE_DIR}/ (open one in Chrome DevTools or speedscope for the whole picture)`);
  return summaries;
}

