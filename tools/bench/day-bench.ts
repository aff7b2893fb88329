/**
 * npm run bench [-- --mpan-days N] [--broker-records R] [--access-requests A]
 *
 * The whole pipeline at full speed, beside the machine's limits, in one run:
 * 1. the broker's own produce and consume rates (Kafka's perf tools, 1 KB records, idempotent, acks=all);
 * 2. `npm start`'s settlement day over N MPANs (default 200,000) with the clock fast enough that
 *    the stages, not the slots, set the pace, no provider failures, TRTs lifted: MPAN-days per second
 *    end to end, each stage's rate, each process's peak RSS;
 * 3. access-control deciding A requests (default 20,000) through our batch runner and through the
 *    stock NestJS way (an @EventPattern handler on ServerKafka, one message at a time): the ratio.
 * Figures are printed and written to out/bench.json.
 */
import 'reflect-metadata';
import { settlementDayOf } from '@halfhour/domain';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DayOptions } from '../../apps/halfhour-cli/src/day/day-options';
import { SettlementDayRun } from '../../apps/halfhour-cli/src/day/settlement-day-run';
import { scrapeStack } from '../../apps/halfhour-cli/src/day/stack-view';
import { measureAccessControl } from './access-workload';
import { argument, ensureStack, repositoryRoot } from './bench-support';
import { measureBroker } from './broker-perf';
import { StageClock, StageRate } from './stage-clock';

const mpanDays = Number(argument('--mpan-days') ?? 200_000);
const brokerRecords = Number(argument('--broker-records') ?? 500_000);
const accessRequests = Number(argument('--access-requests') ?? 20_000);

async function main(): Promise<void> {
  ensureStack();
  console.log(`== 1. the broker on this machine (${brokerRecords} records of 1 KB)`);
  const broker = await measureBroker(brokerRecords, 1024);
  console.log(`produce ${Math.round(broker.produce.recordsPerSecond)} records/s (${broker.produce.mbPerSecond.toFixed(1)} MB/s), consume ${Math.round(broker.consume.recordsPerSecond)} records/s (${broker.consume.mbPerSecond.toFixed(1)} MB/s)`);

  console.log(`\n== 2. the settlement day at full speed (${mpanDays} MPANs)`);
  const day = await measureDay();

  console.log(`\n== 3. access-control, batch runner vs the stock NestJS Kafka transport (${accessRequests} requests each)`);
  const workload = { requests: accessRequests, users: 100, mpans: Math.max(accessRequests / 2, 1000), log: () => undefined };
  const batch = await measureAccessControl({ ...workload, env: { REQUEST_CONSUMER: 'batch' } });
  console.log(`batch runner:        ${Math.round(batch.decisionsPerSecond)} decisions/s, peak RSS ${batch.peakRssMb.toFixed(0)} MB`);
  const stock = await measureAccessControl({ ...workload, env: { REQUEST_CONSUMER: 'nest-event-pattern' } });
  console.log(`@EventPattern stock: ${Math.round(stock.decisionsPerSecond)} decisions/s, peak RSS ${stock.peakRssMb.toFixed(0)} MB`);
  const transportRatio = batch.decisionsPerSecond / stock.decisionsPerSecond;
  console.log(`ratio: the batch runner decides ${transportRatio.toFixed(1)}× as fast`);

  const endToEnd = day.stages.delivered.perSecond;
  console.log('\n== summary');
  console.log(`end to end: ${Math.round(endToEnd)} MPAN-days/s delivered to the DIP (${day.mpanDaysDelivered} MPAN-days); each is ~${day.messagesPerMpanDay.toFixed(1)} Kafka messages through the pipeline`);
  console.log(`            = ${((endToEnd * day.messagesPerMpanDay) / broker.consume.recordsPerSecond * 100).toFixed(1)} % of the broker's raw consume rate in messages`);
  console.log(`access-control: batch runner ${transportRatio.toFixed(1)}× the stock @EventPattern transport`);
  const figures = { mpanDays, broker, day, accessControl: { batch, stock, ratio: transportRatio } };
  mkdirSync(join(repositoryRoot, 'out'), { recursive: true });
  writeFileSync(join(repositoryRoot, 'out', 'bench.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log('figures in out/bench.json');
}

/** The settlement day, sampled every second for each stage's rate and each process's memory. */
async function measureDay() {
  // A free-running clock: 18 open hours pass in ~10 real seconds, so every read is due at once and the stages set the
  // pace; TRTs, the no-response sweep and the call timeout are lifted (to production's 10 s) so a
  // backlog on a busy machine is not mistaken for failure.
  const options: DayOptions = {
    mpans: mpanDays, seed: 162, collectionDay: settlementDayOf(new Date()), clockMode: 'free-running', daySeconds: 13, setupSeconds: Math.ceil(60 + mpanDays / 200),
    keepRunning: false, outDir: 'out/bench-day', portOffset: 0, namespace: 'bench', progressBars: false,
    providerFailures: false, oneDaySchedules: true, settleSeconds: 3600,
    extraEnvironment: { MHHS_TRT_SECONDS: String(30 * 86_400), EXISTING_ON_DEMAND_TRT_SECONDS: String(30 * 86_400), NO_RESPONSE_AFTER_SECONDS: String(30 * 86_400), CALL_TIMEOUT_MS: '10000', DIP_CALL_TIMEOUT_MS: '30000', LOG_LEVEL: 'error' },
  };
  const run = new SettlementDayRun(options, (line) => console.log(`  ${line}`));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void run.stop().finally(() => process.exit(130)));
  }
  const clock = new StageClock();
  const sampler = setInterval(() => {
    void scrapeStack(run.serviceUrls).then((m) => clock.sample({
      dispatched: m.scheduler.sum('halfhour_scheduler_dispatched_total'),
      read: m.smets1.sum('halfhour_adapter_results_total') + m.smets2.sum('halfhour_adapter_results_total'),
      delivered: m.dip.sum('halfhour_dip_messages_total', { outcome: 'delivered' }),
    }));
  }, 1000);
  let peakRss: Record<string, number> = {};
  try {
    const report = await run.run();
    peakRss = run.peakRssMb();
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
    const end = await scrapeStack(run.serviceUrls);
    const planSeconds = end.scheduler.histogram('halfhour_scheduler_plan_seconds').sum;
    for (const [stage, rate] of Object.entries(stages)) console.log(`  ${stage.padEnd(11)} ${String(rate.count).padStart(8)} in ${rate.seconds.toFixed(1).padStart(6)} s = ${Math.round(rate.perSecond)}/s`);
    console.log(`  plan        ${report.reads.scheduled.items} items planned and written in ${planSeconds.toFixed(2)} s`);
    console.log(`  peak RSS (MB): ${Object.entries(peakRss).map(([name, mb]) => `${name} ${mb.toFixed(0)}`).join(', ')}`);
    console.log(`  checks: deliveries as designed ${report.checks.deliveries.ok}, answers as designed ${report.checks.responses.ok}`);
    const produced = [end.intake, end.access, end.scheduler, end.smets1, end.smets2, end.dip].reduce((n, m) => n + m.sum('halfhour_producer_messages_total'), 0);
    const upstream = run.population.requests.length + report.population.mpans * 3; // requests, and about three CSS messages per MPAN
    return {
      stages, planSeconds, peakRssMb: peakRss, mpanDaysDelivered: report.dip.mpanDaysDelivered,
      kafkaMessages: produced + upstream, messagesPerMpanDay: (produced + upstream) / Math.max(report.dip.mpanDaysDelivered, 1), checks: report.checks,
    };
  } finally {
    clearInterval(sampler);
    await run.stop();
    await run.cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
