/**
 * npm run bench:adapters [-- --commands N] [--profile]
 *
 * Feeds N read commands (default 20,000; one settlement day of 4.8.1 each) to each device adapter
 * through the real broker, against the provider simulator answering at once, and prints each
 * adapter's results per second and peak RSS. The SMETS1 adapter is run twice over the same
 * commands: the second pass is served from its cache. Each adapter has a database of its own, as
 * deployed (its command record must not see the other's commands). `--profile` writes each
 * adapter's CPU profile to out/profiles/adapters/ and prints where its time went.
 */
import 'reflect-metadata';
import { newEnvelope, ReadCommand, Topics } from '@halfhour/contracts';
import { addDays, mpanCoreFrom, settlementDayStart } from '@halfhour/domain';
import { encodeEnvelope } from '@halfhour/kafka';
import { ProviderSimulator } from '@halfhour/service-testing';
import { createTestDatabase, ServiceUnderTest } from '@halfhour/testing';
import { rmSync } from 'node:fs';
import { argument, ensureStack, openBenchTopics, peakRssMb } from './bench-support';
import { printProfile, profileArguments } from './cpu-profile-summary';

const PROFILE_DIR = 'out/profiles/adapters';
const profile = process.argv.includes('--profile');

const total = Number(argument('--commands') ?? 20_000);
const DATA_DAY = '2026-11-30';
const CHUNK = 5_000;

function commands(pass: number, providers: readonly string[]): ReadCommand[] {
  return Array.from({ length: total }, (_, i) => {
    const mpan = mpanCoreFrom(String(10 + (i % 14)), String(i).padStart(10, '0'));
    const itemKey = `${mpan}|4.8.1|${DATA_DAY}`;
    return {
      commandId: `${itemKey}#${pass}`, itemKey, planDay: addDays(DATA_DAY, 1), mpan,
      deviceId: `00-00-00-00-${(i >>> 16).toString(16).padStart(2, '0')}-${((i >>> 8) & 255).toString(16).padStart(2, '0')}-${(i & 255).toString(16).padStart(2, '0')}-01`.toUpperCase(),
      provider: providers[i % providers.length], srv: '4.8.1', dataDay: DATA_DAY, attempt: pass, kind: 'SCHEDULED', deadline: '2026-12-02T00:00:00Z',
      readPeriod: { start: settlementDayStart(DATA_DAY).toISOString(), end: settlementDayStart(addDays(DATA_DAY, 1)).toISOString() },
      requesters: [{ userId: '00-00-00-00-00-00-AA-01', role: 'MDR', mpid: 'MDRA', origin: 'DSP-1', requestId: '00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:1' }],
    };
  });
}

async function main(): Promise<void> {
  ensureStack();
  const topics = await openBenchTopics('adapters-bench');
  const { prefix, producer } = topics;
  const databases: { drop(): Promise<void> }[] = [];
  const simulator = await new ProviderSimulator().start();
  const services: ServiceUnderTest[] = [];
  try {
    for (const provider of ['CSP-NORTH', 'CSP-CENTRAL', 'CSP-SOUTH', 'S1SP-A', 'S1SP-B']) await simulator.behave(provider, { latencyMs: [0, 0] });
    if (profile) rmSync(PROFILE_DIR, { recursive: true, force: true });
    const adapter = async (entry: string, name: string) => {
      const database = await createTestDatabase(`hh_bench_${name.replace(/-/g, '_')}`);
      databases.push(database);
      const nodeArgs = profile ? profileArguments(PROFILE_DIR, name) : [];
      const service = await new ServiceUnderTest(entry, {
        KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: database.url, PROVIDER_URLS: `*=${simulator.baseUrl}`, CONCURRENCY_PER_PROVIDER: '50', LOG_LEVEL: 'warn',
      }, nodeArgs).start();
      services.push(service);
      return service;
    };
    const run = async (label: string, service: ServiceUnderTest, topic: typeof Topics.smets1Commands, batch: ReadCommand[], metric: Record<string, string>) => {
      const before = await service.metric('halfhour_adapter_results_total', metric);
      const started = Date.now();
      for (let i = 0; i < batch.length; i += CHUNK) {
        await producer.sendBatch({
          acks: -1,
          topicMessages: [{
            topic: `${prefix}${topic.name}`,
            messages: batch.slice(i, i + CHUNK).map((c) => ({ key: c.deviceId, value: JSON.stringify(c), headers: encodeEnvelope(newEnvelope('device.read-command', 1)) })),
          }],
        });
      }
      while ((await service.metric('halfhour_adapter_results_total', metric)) - before < batch.length) await new Promise((resolve) => setTimeout(resolve, 100));
      const seconds = (Date.now() - started) / 1000;
      console.log(`${label.padEnd(34)} ${batch.length} results in ${seconds.toFixed(1)} s: ${Math.round(batch.length / seconds)}/s, peak RSS ${peakRssMb(service.pid!).toFixed(0)} MB`);
    };

    const smets2 = await adapter('apps/adapter-smets2/src/main.ts', 'adapter-smets2');
    await run('adapter-smets2 (3 CSPs)', smets2, Topics.smets2Commands, commands(1, ['CSP-NORTH', 'CSP-CENTRAL', 'CSP-SOUTH']), { outcome: 'COMPLETE' });
    const smets1 = await adapter('apps/adapter-smets1/src/main.ts', 'adapter-smets1');
    await run('adapter-smets1 (2 S1SPs, cold cache)', smets1, Topics.smets1Commands, commands(1, ['S1SP-A', 'S1SP-B']), { outcome: 'COMPLETE', source: 'METER' });
    await run('adapter-smets1 (served from cache)', smets1, Topics.smets1Commands, commands(2, ['S1SP-A', 'S1SP-B']), { outcome: 'COMPLETE', source: 'CACHE' });
  } finally {
    await Promise.all(services.map((s) => s.stop('SIGTERM')));
    await simulator.stop();
    await topics.close();
    await Promise.all(databases.map((d) => d.drop()));
  }
  if (profile) for (const name of ['adapter-smets2', 'adapter-smets1']) printProfile(PROFILE_DIR, name);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
