/**
 * npm run bench:intake [-- --messages N] [--replicas R]
 *
 * Feeds N registration messages (default 1,000,000) through the real broker into R real
 * registration-intake processes (default 1; one consumer group, so they share the partitions) with
 * their own database, and prints the intake rate and each process's peak RSS. Topics get a unique
 * prefix and are deleted afterwards.
 */
import 'reflect-metadata';
import { newEnvelope, Topics } from '@halfhour/contracts';
import { mpanCoreFrom } from '@halfhour/domain';
import { encodeEnvelope } from '@halfhour/kafka';
import { createTestDatabase, ServiceUnderTest } from '@halfhour/testing';
import { Client } from 'pg';
import { argument, ensureStack, openBenchTopics, peakRssMb } from './bench-support';

const total = Number(argument('--messages') ?? 1_000_000);
const replicas = Number(argument('--replicas') ?? 1);
const SEND_CHUNK = 20_000;

/** Four messages per MPAN: a supplier, an MDR appointment, consent (registrations), a meter (devices). */
function* messages(prefix: string): Generator<{ topic: string; key: string; value: string; type: string }> {
  const mpans = Math.ceil(total / 4);
  for (let i = 0; i < mpans; i++) {
    const mpan = mpanCoreFrom(String(10 + (i % 14)), String(i).padStart(10, '0'));
    const registrations = `${prefix}${Topics.registrations.name}`;
    yield { topic: registrations, key: mpan, type: 'css.supplier-registered', value: JSON.stringify({ mpan, registrationId: `R${i}`, supplierMpid: 'SUPA', effectiveFrom: '2026-01-01', sequence: 1 }) };
    yield { topic: registrations, key: mpan, type: 'css.mdr-appointed', value: JSON.stringify({ mpan, appointmentId: `A${i}`, mdrMpid: 'MDRA', effectiveFrom: '2026-02-01', sequence: 2 }) };
    yield { topic: registrations, key: mpan, type: 'css.hh-consent-changed', value: JSON.stringify({ mpan, status: 'DOMESTIC_OPTED_IN', effectiveFrom: '2026-01-01', sequence: 3 }) };
    const generation = i % 2 === 0 ? { smetsGeneration: 2, cspRegion: 'NORTH' } : { smetsGeneration: 1, s1spId: 'S1SP-A' };
    const deviceId = i.toString(16).toUpperCase().padStart(16, '0').match(/../g)!.join('-');
    yield { topic: `${prefix}${Topics.deviceInventory.name}`, key: mpan, type: 'dcc.device-commissioned', value: JSON.stringify({ mpan, deviceId, ...generation, direction: 'IMPORT', effectiveFrom: '2025-06-01', sequence: 4 }) };
  }
}

async function main(): Promise<void> {
  ensureStack();
  const topics = await openBenchTopics('intake-bench');
  const { prefix, producer } = topics;
  const database = await createTestDatabase('hh_bench');
  let services: ServiceUnderTest[] = [];
  try {
    await producer.sendBatch({
      acks: -1,
      topicMessages: [{
        topic: `${prefix}${Topics.marketParticipants.name}`,
        messages: [
          { key: 'MDRA', value: JSON.stringify({ mpid: 'MDRA', name: 'MDR A', roles: ['MDR'], effectiveFrom: '2025-01-01' }), headers: encodeEnvelope(newEnvelope('css.market-participant-updated', 1)) },
          { key: 'SUPA', value: JSON.stringify({ mpid: 'SUPA', name: 'Supplier A', roles: ['IS'], effectiveFrom: '2025-01-01' }), headers: encodeEnvelope(newEnvelope('css.market-participant-updated', 1)) },
        ],
      }],
    });

    const produceStart = Date.now();
    let chunk: { topic: string; key: string; value: string; type: string }[] = [];
    let sent = 0;
    const flush = async () => {
      const byTopic = new Map<string, { key: string; value: string; headers: ReturnType<typeof encodeEnvelope> }[]>();
      for (const m of chunk) {
        const list = byTopic.get(m.topic) ?? [];
        list.push({ key: m.key, value: m.value, headers: encodeEnvelope(newEnvelope(m.type, 1)) });
        byTopic.set(m.topic, list);
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list })) });
      sent += chunk.length;
      chunk = [];
    };
    for (const message of messages(prefix)) {
      if (sent + chunk.length >= total) break;
      chunk.push(message);
      if (chunk.length === SEND_CHUNK) await flush();
    }
    await flush();
    const produceSeconds = (Date.now() - produceStart) / 1000;
    console.log(`produced ${sent} messages in ${produceSeconds.toFixed(1)} s (${Math.round(sent / produceSeconds)}/s)`);

    services = Array.from({ length: replicas }, () => new ServiceUnderTest('apps/registration-intake/src/main.ts', {
      DATABASE_URL: database.url,
      KAFKA_TOPIC_PREFIX: prefix,
      REGISTRY_METRICS_INTERVAL_MS: String(3_600_000),
    }));
    const intakeStart = Date.now();
    await Promise.all(services.map((service) => service.start()));
    const db = new Client({ connectionString: database.url });
    await db.connect();
    // Progress from the services' counters (cheap); a message applied by one replica and redelivered
    // to another after a rebalance counts there as a duplicate, so applied + duplicate may overshoot.
    // The end is decided by the database, counted only once the counters say everything is in.
    const handledSoFar = async () => {
      const counts = await Promise.all(services.map(async (s) =>
        (await s.metric('halfhour_registration_messages_total', { outcome: 'applied' })) +
        (await s.metric('halfhour_registration_messages_total', { outcome: 'duplicate' }))));
      return counts.reduce((a, b) => a + b, 0) - 2;
    };
    const storedEvents = async () => (await db.query('SELECT count(*)::int AS n FROM registration_events')).rows[0].n as number;
    const peakRss = () => services.map((s) => `${peakRssMb(s.pid!).toFixed(0)} MB`).join(' + ');
    let lastReport = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const handled = await handledSoFar();
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        console.log(`  ${handled} handled, ${Math.round(handled / ((Date.now() - intakeStart) / 1000))}/s, RSS peak ${peakRss()}`);
      }
      if (handled >= sent && (await storedEvents()) === sent) break;
    }
    const intakeSeconds = (Date.now() - intakeStart) / 1000;
    while ((await db.query('SELECT 1 FROM mpan_timelines WHERE published_version < version LIMIT 1')).rowCount) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const publishedSeconds = (Date.now() - intakeStart) / 1000;
    const rss = peakRss();
    await db.end();
    console.log('');
    console.log(`registration-intake x${replicas}: ${sent} messages applied in ${intakeSeconds.toFixed(1)} s (service start included)`);
    console.log(`  intake rate:        ${Math.round(sent / intakeSeconds)} messages/s`);
    console.log(`  timelines published ${publishedSeconds.toFixed(1)} s after start (${Math.round(sent / publishedSeconds)} messages/s end to end)`);
    console.log(`  peak RSS:           ${rss}`);
  } finally {
    await Promise.all(services.map((service) => service.stop('SIGTERM')));
    await topics.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
