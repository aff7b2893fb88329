/**
 * npm run bench:dip [-- --days N] [--batch B] [--profile]
 *
 * Publishes N read results (default 20,000 MPAN-days of 48 half hours) and times the dip-forwarder
 * taking them into its outbox and delivering them, signed, to the DIP simulator (answering at
 * once) in calls of B MPAN-days (default 10). Prints MPAN-days delivered per second and peak RSS;
 * `--profile` also where the forwarder's time went (profile in out/profiles/dip/).
 */
import 'reflect-metadata';
import { newEnvelope, ReadResult, Topics } from '@halfhour/contracts';
import { addDays, mpanCoreFrom, settlementPeriodStarts } from '@halfhour/domain';
import { encodeEnvelope } from '@halfhour/kafka';
import { syntheticHalfHourKwh } from '@halfhour/simulation';
import { createTestDatabase, ServiceUnderTest } from '@halfhour/testing';
import { rmSync } from 'node:fs';
import { argument, ensureStack, openBenchTopics, peakRssMb } from './bench-support';
import { printProfile, profileArguments } from './cpu-profile-summary';

const PROFILE_DIR = 'out/profiles/dip';
const profile = process.argv.includes('--profile');

const days = Number(argument('--days') ?? 20_000);
const batch = argument('--batch') ?? '10';
const DATA_DAY = '2026-11-30';
const CHUNK = 2_000;

function result(i: number): ReadResult {
  const mpan = mpanCoreFrom(String(10 + (i % 14)), String(i).padStart(10, '0'));
  const itemKey = `${mpan}|4.8.1|${DATA_DAY}`;
  return {
    commandId: `${itemKey}#1`, itemKey, planDay: addDays(DATA_DAY, 1), mpan, deviceId: '00-00-00-00-00-00-D1-01', provider: 'CSP-CENTRAL', srv: '4.8.1',
    dataDay: DATA_DAY, attempt: 1, outcome: 'COMPLETE', source: 'METER', registers: [], completedAt: new Date().toISOString(),
    requesters: [{ userId: '00-00-00-00-00-00-AA-01', role: 'MDR', mpid: 'MDRA', origin: 'DSP-1', requestId: '00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:1' }],
    periods: settlementPeriodStarts(DATA_DAY).map((start) => ({ start: start.toISOString(), quality: 'ACTUAL' as const, kwh: syntheticHalfHourKwh(mpan, 'IMPORT', start) })),
  };
}

async function main(): Promise<void> {
  ensureStack();
  const topics = await openBenchTopics('dip-bench');
  const { prefix, producer } = topics;
  if (profile) rmSync(PROFILE_DIR, { recursive: true, force: true });
  const database = await createTestDatabase('hh_dip_bench');
  const dip = await new ServiceUnderTest('apps/dip-simulator/src/main.ts', { LOG_LEVEL: 'warn' }).start();
  let forwarder: ServiceUnderTest | undefined;
  try {
    forwarder = await new ServiceUnderTest('apps/dip-forwarder/src/main.ts', {
      KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: database.url, DIP_URL: dip.baseUrl, DIP_BATCH_SIZE: batch, RELAY_BATCH_SIZE: '1000', LOG_LEVEL: 'warn',
    }, profile ? profileArguments(PROFILE_DIR, 'dip-forwarder') : []).start();
    const started = Date.now();
    for (let i = 0; i < days; i += CHUNK) {
      const messages = Array.from({ length: Math.min(CHUNK, days - i) }, (_, j) => {
        const r = result(i + j);
        return { key: r.deviceId, value: JSON.stringify(r), headers: encodeEnvelope(newEnvelope('device.read-result', 1)) };
      });
      // Kept under the broker's message size per request.
      for (let k = 0; k < messages.length; k += 150) await producer.sendBatch({ acks: -1, topicMessages: [{ topic: `${prefix}${Topics.readResults.name}`, messages: messages.slice(k, k + 150) }] });
    }
    let lastReport = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const { unique } = (await dip.get<{ unique: number }>('/dip/stats')).body;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        console.log(`  ${unique} delivered, RSS peak ${peakRssMb(forwarder.pid!).toFixed(0)} MB`);
      }
      if (unique >= days) break;
    }
    const seconds = (Date.now() - started) / 1000;
    console.log('');
    console.log(`dip-forwarder: ${days} MPAN-days delivered in ${seconds.toFixed(1)} s (published, queued, signed, delivered), calls of ${batch}`);
    console.log(`  rate:     ${Math.round(days / seconds)} MPAN-days/s`);
    console.log(`  peak RSS: ${peakRssMb(forwarder.pid!).toFixed(0)} MB`);
  } finally {
    await forwarder?.stop('SIGTERM');
    await dip.stop('SIGTERM');
    await topics.close();
    await database.drop();
  }
  if (profile) printProfile(PROFILE_DIR, 'dip-forwarder');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
