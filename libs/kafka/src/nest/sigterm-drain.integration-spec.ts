import { Client } from 'pg';
import { committedOffsets, createTestDatabase, eventually, ServiceUnderTest, TestDatabase, uniqueName } from '@halfhour/testing';
import { KafkaTestHarness } from '../../test/kafka-test-harness';

describe('a service on SIGTERM', () => {
  let harness: KafkaTestHarness;
  let database: TestDatabase;
  let service: ServiceUnderTest | undefined;

  beforeAll(async () => {
    harness = await new KafkaTestHarness().setUp();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await harness.tearDown();
    await database.drop();
  });

  async function inboxCount(): Promise<number> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM inbox_messages');
      return rows[0].n;
    } finally {
      await client.end();
    }
  }

  it('serves health and metrics, then drains: finishes its batch, commits, and exits within 20 s', async () => {
    const groupId = uniqueName('drain');
    await harness.publish(Array.from({ length: 300 }, (_, i) => i));
    service = await new ServiceUnderTest('libs/kafka/test/fixtures/draining-service.main.ts', {
      SERVICE_NAME: 'draining-service',
      DATABASE_URL: database.url,
      TOPIC: harness.topic.name,
      GROUP_ID: groupId,
    }).start();

    const live = await service.get<{ status: string }>('/health/live');
    expect(live).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok' }) });
    const ready = await service.get<{ info: unknown }>('/health/ready');
    expect(ready.body.info).toMatchObject({ kafka: { status: 'up' }, postgres: { status: 'up' } });

    await eventually(async () => expect(await inboxCount()).toBeGreaterThanOrEqual(20), 60_000, 100);
    expect(await service.metric('halfhour_consumer_messages_total', { outcome: 'handled' })).toBeGreaterThan(0);
    expect(await service.metric('process_cpu_seconds_total')).toBeGreaterThan(0);

    const stoppedAt = Date.now();
    const exit = await service.stop('SIGTERM');
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);

    const handled = await inboxCount();
    expect(handled).toBeLessThan(300);
    const committed = await committedOffsets(harness.admin, groupId, harness.topic.name);
    const committedTotal = [...committed.values()].reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0);
    expect(committedTotal).toBe(handled);
  });
});
