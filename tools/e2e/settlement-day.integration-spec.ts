import { ALL_TOPICS, DccUserUpdated, deadLetterTopicOf, MessageDefinition, ServiceRequest, ServiceResponse, TopicDefinition, Topics, withTopicPrefix } from '@halfhour/contracts';
import { DipMessage, mpanCoreFrom, settlementPeriodStarts, signRequest } from '@halfhour/domain';
import { createIdempotentProducer, provisionTopics, SerialBatchSender, TypedProducer } from '@halfhour/kafka';
import { ProducerMetrics } from '@halfhour/observability';
import { syntheticHalfHourKwh } from '@halfhour/simulation';
import { createTestDatabase, eventually, readWholeTopic, ServiceUnderTest, TestDatabase, testKafka, uniqueName } from '@halfhour/testing';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { Client } from 'pg';
import { Registry } from 'prom-client';

/**
 * One settlement day through the whole real stack — every service, both simulators, the broker and
 * PostgreSQL — on an accelerated clock. The test plays CSS (standing data, registrations, devices)
 * and the DCC users (signed 5.1 schedules, some refused on purpose), then checks what reached the
 * DIP, MPAN-day by MPAN-day and value by value, and the responses users got.
 */
const MPANS = 24;
const DATA_DAY = '2026-12-01';
const SERVICES = ['registration-intake', 'access-control', 'scheduler', 'adapter-smets1', 'adapter-smets2', 'dip-forwarder'] as const;

interface User {
  record: DccUserUpdated;
  key: KeyObject;
  counter: number;
}

function user(userId: string, mpid: string, role: 'MDR' | 'IS'): User {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    key: privateKey,
    counter: 100,
    record: {
      userId, mpid, roles: [role], updatedAt: '2026-01-01T00:00:00Z',
      keys: [{ keyId: `${mpid}-1`, role, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), validFrom: '2026-01-01T00:00:00Z' }],
    },
  };
}

jest.setTimeout(300_000);

describe('a settlement day end to end', () => {
  const prefix = `${uniqueName('e2e')}.`;
  const kafka = testKafka('e2e');
  const admin = kafka.admin();
  const raw = createIdempotentProducer(kafka);
  const producer = new TypedProducer(new SerialBatchSender(raw), ProducerMetrics.of(new Registry()), prefix);
  const databases: TestDatabase[] = [];
  const processes = new Map<string, ServiceUnderTest>();
  const providerSimulator = new ServiceUnderTest('apps/provider-simulator/src/main.ts', {});
  const dipSimulator = new ServiceUnderTest('apps/dip-simulator/src/main.ts', {});
  /** For topics of one message type. */
  const publish = <T extends object>(topic: TopicDefinition<T>, bodies: readonly T[]) =>
    producer.publish(topic, bodies.map((body) => ({ definition: topic.messages[0] as MessageDefinition<T>, body })));

  beforeAll(async () => {
    await Promise.all([admin.connect(), raw.connect()]);
    await provisionTopics(admin, ALL_TOPICS, 1, prefix);
    await Promise.all([providerSimulator.start(), dipSimulator.start()]);
  });

  afterAll(async () => {
    await Promise.all([...processes.values()].map((p) => p.stop('SIGTERM')));
    await Promise.all([providerSimulator.stop(), dipSimulator.stop()]);
    await admin.deleteTopics({ topics: ALL_TOPICS.flatMap((t) => [withTopicPrefix(t, prefix).name, deadLetterTopicOf(withTopicPrefix(t, prefix).name)]) });
    await Promise.all([admin.disconnect(), raw.disconnect()]);
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('reads every scheduled MPAN once, delivers each MPAN-day to the DIP once with the meters’ values, and refuses what it must', async () => {
    const mdr = user('00-00-00-00-00-00-E2-01', 'MDRA', 'MDR');
    const supplier = user('00-00-00-00-00-00-E2-02', 'SUPA', 'IS');
    const regions = ['NORTH', 'CENTRAL', 'SOUTH'] as const;
    const meters = Array.from({ length: MPANS }, (_, i) => ({
      mpan: mpanCoreFrom(String(10 + (i % 14)), String(Math.floor(Math.random() * 1e8) * 100 + i).padStart(10, '0')),
      deviceId: `00-00-00-00-00-E2-${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(i & 255).toString(16).padStart(2, '0').toUpperCase()}`,
      smets1: i % 4 === 0,
      region: regions[i % 3],
    }));

    // Every service on one accelerated clock, an hour per real second, reaching 22:00 on 1 December
    // 60 s from now: time to start, load the registry and pass the schedules through access-control
    // before 2 December is planned (at 23:00) and read (from 06:00).
    const clock = { CLOCK_SIMULATED_ORIGIN: '2026-12-01T22:00:00Z', CLOCK_REAL_ORIGIN: new Date(Date.now() + 60_000).toISOString(), CLOCK_SPEED: '3600' };
    for (const service of SERVICES) {
      const database = await createTestDatabase(`hh_e2e_${service.replace('-', '_')}`);
      databases.push(database);
      processes.set(service, new ServiceUnderTest(`apps/${service}/src/main.ts`, {
        ...clock, KAFKA_TOPIC_PREFIX: prefix, DATABASE_URL: database.url, REQUEST_MAX_AGE_SECONDS: String(30 * 86_400),
        PROVIDER_URLS: `*=${providerSimulator.baseUrl}`, DIP_URL: dipSimulator.baseUrl, TICK_INTERVAL_MS: '100', RELAY_INTERVAL_MS: '50',
        TIMELINE_RELAY_INTERVAL_MS: '50', REGISTRY_METRICS_INTERVAL_MS: '1000', NO_RESPONSE_AFTER_SECONDS: String(4 * 3600), KAFKA_SESSION_TIMEOUT_MS: '6000',
      }));
    }
    await Promise.all([...processes.values()].map((p) => p.start()));

    // CSS: standing data, registrations (supplier, MDR appointment, consent) and devices.
    await publish(Topics.marketParticipants, [
      { mpid: 'MDRA', name: 'MDR A', roles: ['MDR'], effectiveFrom: '2025-01-01' },
      { mpid: 'SUPA', name: 'Supplier A', roles: ['IS'], effectiveFrom: '2025-01-01' },
    ]);
    const [mdrAppointed, , , supplierRegistered, consentChanged] = Topics.registrations.messages;
    const registrations = Topics.registrations;
    await producer.publish(registrations, meters.map((m, i) => ({ definition: supplierRegistered, body: { mpan: m.mpan, registrationId: `R${i}`, supplierMpid: 'SUPA', effectiveFrom: '2026-01-01', sequence: 1 } as never })));
    await producer.publish(registrations, meters.map((m, i) => ({ definition: mdrAppointed, body: { mpan: m.mpan, appointmentId: `A${i}`, mdrMpid: 'MDRA', effectiveFrom: '2026-11-01', sequence: 2 } as never })));
    await producer.publish(registrations, meters.map((m) => ({ definition: consentChanged, body: { mpan: m.mpan, status: 'DOMESTIC_OPTED_IN', effectiveFrom: '2026-01-01', sequence: 3 } as never })));
    await producer.publish(Topics.deviceInventory, meters.map((m) => ({
      definition: Topics.deviceInventory.messages[0],
      body: { mpan: m.mpan, deviceId: m.deviceId, direction: 'IMPORT', effectiveFrom: '2025-01-01', sequence: 4, ...(m.smets1 ? { smetsGeneration: 1, s1spId: 'S1SP-A' } : { smetsGeneration: 2, cspRegion: m.region }) } as never,
    })));
    await publish(Topics.users, [mdr.record, supplier.record]);
    // Users send their requests once the registry knows the MPANs (a request is decided on the registry as it is then).
    const intake = processes.get('registration-intake')!;
    await eventually(async () => {
      expect(await intake.metric('halfhour_registry_mpans')).toBe(MPANS);
      expect(await intake.metric('halfhour_registry_unpublished_timelines')).toBe(0);
    }, 30_000, 200);
    const accessControl = processes.get('access-control')!;
    const versions = async (service: string, table: string) => {
      const client = new Client({ connectionString: databases[SERVICES.indexOf(service as never)].url });
      await client.connect();
      try {
        return (await client.query(`SELECT mpan, version FROM ${table} ORDER BY mpan`)).rows;
      } finally {
        await client.end();
      }
    };
    await eventually(async () => expect(await versions('access-control', 'registry_view')).toEqual(await versions('registration-intake', 'mpan_timelines')), 30_000, 200);

    // Users: the MDR schedules every MPAN's profile; the supplier half of them (read once for both).
    const schedule = (u: User, m: (typeof meters)[number], overrides: Partial<ServiceRequest> = {}, sign = true): ServiceRequest => {
      u.counter++;
      const unsigned: ServiceRequest = {
        requestId: `${u.record.userId}:${m.deviceId}:${u.counter}`, role: u.record.roles[0], serviceReference: '5.1', serviceReferenceVariant: '5.1', commandVariant: 8,
        mpan: m.mpan, createdAt: new Date().toISOString(), body: { schedule: { srv: '4.8.1', frequency: 'DAILY', startDate: DATA_DAY } }, ...overrides,
      };
      return sign ? { ...unsigned, signature: signRequest(unsigned, u.key) } : unsigned;
    };
    const good = [...meters.map((m) => schedule(mdr, m)), ...meters.filter((_, i) => i % 2 === 0).map((m) => schedule(supplier, m))];
    const forged = schedule(mdr, meters[1], {}, false);
    const tooEarly = schedule(mdr, meters[3], { body: { schedule: { srv: '4.8.1', frequency: 'DAILY', startDate: '2026-10-01' } } });
    await publish(Topics.serviceRequests, [...good, forged, tooEarly]);

    // The day's reads run from 06:00 on 2 December; every scheduled MPAN-day reaches the DIP once.
    const dipStats = async () => (await dipSimulator.get<{ unique: number; duplicates: number; badSignatures: number; refused: number }>('/dip/stats')).body;
    await eventually(async () => expect(await accessControl.metric('halfhour_access_decisions_total')).toBe(good.length + 2), 45_000, 500);
    await eventually(async () => expect((await dipStats()).unique).toBe(MPANS), 150_000, 500);
    const stats = await dipStats();
    expect(stats).toMatchObject({ badSignatures: 0, refused: 0 });

    const scheduler = processes.get('scheduler')!;
    expect(await scheduler.metric('halfhour_scheduler_reads_saved_total')).toBe(MPANS / 2);
    const responses = (await readWholeTopic(kafka, admin, withTopicPrefix(Topics.userResponses, prefix).name)).map((msg) => JSON.parse(msg.value!.toString()) as ServiceResponse);
    expect(responses.find((r) => r.requestId === forged.requestId)).toMatchObject({ responseCode: 'E13', reason: 'SIGNATURE_INVALID' });
    expect(responses.find((r) => r.requestId === tooEarly.requestId)).toMatchObject({ responseCode: 'E31', reason: 'NOT_APPOINTED_MDR' });
    expect(responses.filter((r) => r.outcome === 'ACCEPTED')).toHaveLength(good.length);
    const data = responses.filter((r) => r.outcome === 'DATA');
    expect(new Set(data.map((r) => `${r.userId}|${r.dataReference}`)).size).toBe(good.length);
    for (const m of meters) {
      const delivered = (await dipSimulator.get<DipMessage>(`/dip/messages/${encodeURIComponent(await referenceOf(m.mpan))}`)).body;
      expect(delivered.common.mpanCore).toBe(m.mpan);
      expect(delivered.custom.periods.map((p) => p.kwh)).toEqual(settlementPeriodStarts(DATA_DAY).map((start) => syntheticHalfHourKwh(m.mpan, 'IMPORT', start)));
    }

    async function referenceOf(mpan: string): Promise<string> {
      const found = data.find((r) => r.dataReference?.startsWith(`${mpan}|4.8.1|${DATA_DAY}`));
      if (!found) throw new Error(`no data response for ${mpan}`);
      return found.dataReference!;
    }
  });
});
