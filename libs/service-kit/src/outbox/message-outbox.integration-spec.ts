import { ServiceResponse, Topics } from '@halfhour/contracts';
import { Clock, systemClock } from '@halfhour/domain';
import { createIdempotentProducer, decodeEnvelope, provisionTopics, SINGLE_BROKER, TopicBatch, TypedProducer } from '@halfhour/kafka';
import { ProducerMetrics } from '@halfhour/observability';
import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, ownCopyOf, readWholeTopic, TestDatabase, testKafka } from '@halfhour/testing';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MessageOutbox } from './message-outbox';
import { OUTBOX_ENTITIES, OUTBOX_MIGRATIONS } from './outbox-schema';

describe('MessageOutbox against PostgreSQL and the broker', () => {
  const topic = ownCopyOf(Topics.userResponses);
  const kafka = testKafka();
  const admin = kafka.admin();
  const rawProducer = createIdempotentProducer(kafka);
  const producer = new TypedProducer(rawProducer, ProducerMetrics.of(new Registry()));
  let database: TestDatabase;
  let dataSource: DataSource;

  const outbox = (publisher: TypedProducer = producer, leaseSeconds = 30, clock: Clock = systemClock) =>
    new MessageOutbox(dataSource, () => publisher, clock, [topic], { batchSize: 100, leaseSeconds });
  const answers = (count: number): TopicBatch<ServiceResponse> => ({
    topic,
    messages: Array.from({ length: count }, (_, i) => ({
      definition: topic.messages[0],
      body: { requestId: `00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:${i + 1}`, userId: '00-00-00-00-00-00-AA-01', responseCode: 'I0', outcome: 'ACCEPTED', message: `answer ${i + 1}`, respondedAt: new Date().toISOString() },
      envelope: { messageId: randomUUID() },
    })),
  });
  const published = async () => (await readWholeTopic(kafka, admin, topic.name)).map((m) => {
    const decoded = decodeEnvelope(m.headers);
    return { id: decoded.ok ? decoded.envelope.messageId : undefined, body: JSON.parse(m.value!.toString()) };
  });
  const waiting = async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox_messages'))[0].n as number;

  beforeAll(async () => {
    await Promise.all([admin.connect(), rawProducer.connect()]);
    await provisionTopics(admin, [topic], SINGLE_BROKER);
    database = await createTestDatabase('hh_outbox');
    dataSource = await createDataSource({ url: database.url, applicationName: 'outbox-spec', entities: OUTBOX_ENTITIES, migrations: OUTBOX_MIGRATIONS }).initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
    await Promise.all([admin.disconnect(), rawProducer.disconnect()]);
  });

  beforeEach(() => dataSource.query('DELETE FROM outbox_messages'));

  it('publishes what committed, in order and with the message IDs it was given, and nothing of a transaction that rolled back', async () => {
    const committed = answers(3);
    const relay = outbox();
    await dataSource.transaction((manager) => relay.add(manager, [committed]));
    await expect(dataSource.transaction(async (manager) => {
      await relay.add(manager, [answers(2)]);
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');

    expect(await relay.relayOnce()).toBe('worked');
    expect(await relay.relayOnce()).toBe('idle');
    expect(await waiting()).toBe(0);
    const seen = (await published()).slice(-3);
    expect(seen).toEqual(committed.messages.map((m) => ({ id: m.envelope!.messageId, body: m.body })));
  });

  it('refuses a message that breaks its contract when it is stored, not when the relay sends it', async () => {
    const relay = outbox();
    const broken = answers(1);
    (broken.messages[0].body as { responseCode: string }).responseCode = 'not a code';
    await expect(dataSource.transaction((manager) => relay.add(manager, [broken]))).rejects.toThrow(/invalid/);
    expect(await waiting()).toBe(0);
  });

  it('keeps what a relay leased but could not publish, and sends it, with the same IDs, once the lease has run out on the service’s clock', async () => {
    const before = (await published()).length;
    const stored = answers(2);
    let now = new Date('2026-12-09T14:00:00Z');
    const clock = { now: () => now };
    const broker = { publishBatches: async () => { throw new Error('the broker went away'); } } as unknown as TypedProducer;
    const failing = outbox(broker, 30, clock);
    await dataSource.transaction((manager) => failing.add(manager, [stored]));
    await expect(failing.relayOnce()).rejects.toThrow('the broker went away');
    expect(await waiting()).toBe(2);

    const next = outbox(producer, 30, clock);
    // Leased by the relay that failed: nobody takes them until its lease ends, by the clock every replica reads.
    now = new Date('2026-12-09T14:00:29Z');
    expect(await next.relayOnce()).toBe('idle');
    now = new Date('2026-12-09T14:00:31Z');
    expect(await next.relayOnce()).toBe('worked');
    expect(await waiting()).toBe(0);
    const seen = await published();
    expect(seen.slice(before)).toEqual(stored.messages.map((m) => ({ id: m.envelope!.messageId, body: m.body })));
  });
});
