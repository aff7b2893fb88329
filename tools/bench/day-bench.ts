/**
 * npm run bench [-- --mpan-days N] [--broker-records R] [--access-requests A] [--profile] [--day-only] [--heap-snapshots]
 *                [--replicas N] [--brokers 3] [--node-options "V8 flags"]
 *
 * The whole pipeline at full speed, beside the machine's limits, in one run:
 * 1. the broker's own produce and consume rates (Kafka's perf tools, 1 KB records, idempotent, acks=all);
 * 2. `npm start`'s settlement day over N MPANs (default 200,000) with the clock fast enough that
 *    the stages, not the slots, set the pace, no provider failures, TRTs lifted: MPAN-days per second
 *    end to end, each stage's rate, each process's peak RSS;
 * 3. access-control deciding A requests (default 20,000) through our batch runner and through the
 *    stock NestJS way (an @EventPattern handler on ServerKafka, one message at a time): the ratio.
 * Figures are printed, written to out/bench.json and appended to tools/bench/history.jsonl.
 * `--profile` writes a CPU profile of every process (out/bench-profile/) and prints each one's
 * share of the machine and where its time went; `--day-only` skips 1 and 3; `--heap-snapshots` prints
 * what each service's live heap holds half-way through the day (heap-snapshots.ts). `--replicas N`
 * runs each service as N processes (the report gives each replica's share of the work), `--brokers
 * 3` on the local three-broker cluster (the day only); `--node-options` gives every Halfhour service
 * V8 flags after its own, as a Deployment's args would (`--max-old-space-size=128`); a run compares
 * only with runs of its shape and flags.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessMeasurement, measureAccessControl } from './access-workload';
import { argument, ensureStack, repositoryRoot } from './bench-support';
import { measureBroker } from './broker-perf';
import { appendToHistory, readHistory } from './bench-history';
import { BenchShape, measureDay } from './day-measurement';
import { HeapSnapshots } from './heap-snapshots';
import { scaleTable } from './scale-table';

const mpanDays = Number(argument('--mpan-days') ?? 200_000);
const brokerRecords = Number(argument('--broker-records') ?? 500_000);
const accessRequests = Number(argument('--access-requests') ?? 20_000);
const profile = process.argv.includes('--profile');
/** Snapshots stop each service for seconds: such a run, like a profiled one, is no measure of rate. */
const heapSnapshots = process.argv.includes('--heap-snapshots');
const nodeOptions = argument('--node-options');
const shape: BenchShape = { replicas: Number(argument('--replicas') ?? 1), brokers: argument('--brokers') === '3' ? 3 : 1, ...(nodeOptions ? { nodeOptions } : {}) };
// The broker's own rates and the access-control comparison are the single broker's figures.
const dayOnly = process.argv.includes('--day-only') || shape.brokers === 3;

async function main(): Promise<void> {
  ensureStack(shape.brokers);
  let broker: Awaited<ReturnType<typeof measureBroker>> | undefined;
  if (!dayOnly) {
    console.log(`== 1. the broker on this machine (${brokerRecords} records of 1 KB)`);
    broker = await measureBroker(brokerRecords, 1024);
    console.log(`produce ${Math.round(broker.produce.recordsPerSecond)} records/s (${broker.produce.mbPerSecond.toFixed(1)} MB/s), consume ${Math.round(broker.consume.recordsPerSecond)} records/s (${broker.consume.mbPerSecond.toFixed(1)} MB/s)`);
  }

  const shaped = shape.replicas > 1 || shape.brokers > 1 ? `, ${shape.replicas} processes per service on ${shape.brokers} broker${shape.brokers > 1 ? 's' : ''}` : '';
  console.log(`\n== 2. the settlement day at full speed (${mpanDays} MPANs)${shaped}${profile ? ', every process profiled' : ''}`);
  const day = await measureDay(mpanDays, profile, heapSnapshots ? new HeapSnapshots(join(repositoryRoot, 'out', 'bench-heap')) : undefined, shape);

  let accessControl: { batch: AccessMeasurement; stock: AccessMeasurement; ratio: number } | undefined;
  if (!dayOnly) {
    console.log(`\n== 3. access-control, batch runner vs the stock NestJS Kafka transport (${accessRequests} requests each)`);
    const workload = { requests: accessRequests, users: 100, mpans: Math.max(accessRequests / 2, 1000), log: () => undefined };
    const batch = await measureAccessControl({ ...workload, env: { REQUEST_CONSUMER: 'batch' } });
    console.log(`batch runner:        ${Math.round(batch.decisionsPerSecond)} decisions/s, peak RSS ${batch.peakRssMb.toFixed(0)} MB`);
    const stock = await measureAccessControl({ ...workload, env: { REQUEST_CONSUMER: 'nest-event-pattern' } });
    console.log(`@EventPattern stock: ${Math.round(stock.decisionsPerSecond)} decisions/s, peak RSS ${stock.peakRssMb.toFixed(0)} MB`);
    accessControl = { batch, stock, ratio: batch.decisionsPerSecond / stock.decisionsPerSecond };
    console.log(`ratio: the batch runner decides ${accessControl.ratio.toFixed(1)}× as fast`);
  }

  const endToEnd = day.stages.delivered.perSecond;
  const brokerShare = broker ? (endToEnd * day.messagesPerMpanDay) / broker.consume.recordsPerSecond : undefined;
  console.log('\n== summary');
  console.log(`end to end: ${Math.round(endToEnd)} MPAN-days/s delivered to the DIP (${day.mpanDaysDelivered} MPAN-days); each is ~${day.messagesPerMpanDay.toFixed(1)} Kafka messages through the pipeline`);
  if (brokerShare !== undefined) console.log(`            = ${(brokerShare * 100).toFixed(1)} % of the broker's raw consume rate in messages`);
  if (accessControl) console.log(`access-control: batch runner ${accessControl.ratio.toFixed(1)}× the stock @EventPattern transport`);
  const figures = { mpanDays, broker, day, accessControl };
  mkdirSync(join(repositoryRoot, 'out'), { recursive: true });
  writeFileSync(join(repositoryRoot, 'out', 'bench.json'), `${JSON.stringify(figures, null, 2)}\n`);
  const history = appendToHistory({
    mpanDays, shape, profiled: profile || heapSnapshots, mpanDaysPerSecond: endToEnd, stages: Object.fromEntries(Object.entries(day.stages).map(([stage, rate]) => [stage, Math.round(rate.perSecond)])),
    messagesPerMpanDay: day.messagesPerMpanDay, resultsPerCommand: day.resultsPerCommand, brokerShare, peakRssMb: day.peakRssMb, residentPeaks: day.residentPeaks, memoryAtPeak: day.memoryAtPeak, startToReadyMs: day.startToReadyMs, cpuShares: day.cpuShares,
    accessDecisionsPerSecond: accessControl?.batch.decisionsPerSecond, bytesPerMpanDay: day.bytesPerMpanDay, cpuMsPerMpanDay: day.cpuMsPerMpanDay, checks: { deliveries: day.checks.deliveries.ok, responses: day.checks.responses.ok }, realSeconds: day.realSeconds,
  });
  console.log(`figures in out/bench.json; appended to ${history.file}`);
  console.log('\n== against the history');
  for (const line of history.comparison) console.log(line);
  const byScale = scaleTable(readHistory(), history.machine);
  if (byScale.length > 0) console.log(`\n== by size, the latest run of each on this machine (flat is national scale)\n${byScale.join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
