import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client } from 'pg';
import { committedOffsets, createTestDatabase, eventually, TestDatabase, testBrokers, uniqueName } from '@halfhour/testing';
import { KafkaTestHarness } from '../../test/kafka-test-harness';

const root = join(__dirname, '..', '..', '..', '..');
const fixture = join(root, 'libs/kafka/test/fixtures/draining-service.main.ts');
const port = 39_000 + Math.floor(Math.random() * 1000);

describe('a service on SIGTERM', () => {
  let harness: KafkaTestHarness;
  let database: TestDatabase;
  let service: ChildProcess | undefined;

  beforeAll(async () => {
    harness = await new KafkaTestHarness().setUp();
    database = await createTestDatabase();
  });

  afterAll(async () => {
    if (service && service.exitCode === null && service.signalCode === null) service.kill('SIGKILL');
    await harness.tearDown();
    await database.drop();
  });

  async function inboxCount(): Promise<number> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM inbox_messages');
      return rows[0].n;
    } catch {
      return 0;
    } finally {
      await client.end();
    }
  }

  it('serves health and metrics, then drains: finishes its batch, commits, and exits within 20 s', async () => {
    const groupId = uniqueName('drain');
    await harness.publish(Array.from({ length: 300 }, (_, i) => i));
    service = spawn(process.execPath, ['-r', '@swc-node/register', fixture], {
      cwd: root,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: join(root, 'tsconfig.json'),
        SERVICE_NAME: 'draining-service',
        HTTP_PORT: String(port),
        KAFKA_BROKERS: testBrokers().join(','),
        DATABASE_URL: database.url,
        TOPIC: harness.topic.name,
        GROUP_ID: groupId,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });

    const live = await eventually(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(response.status).toBe(200);
      return (await response.json()) as { status: string };
    }, 60_000, 250);
    expect(live.status).toBe('ok');
    const ready = (await (await fetch(`http://127.0.0.1:${port}/health/ready`)).json()) as { info: unknown };
    expect(ready.info).toMatchObject({ kafka: { status: 'up' }, postgres: { status: 'up' } });

    await eventually(async () => expect(await inboxCount()).toBeGreaterThanOrEqual(20), 60_000, 100);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/halfhour_consumer_messages_total\{.*outcome="handled".*\} \d+/);
    expect(metrics).toContain('process_cpu_seconds_total');

    const stoppedAt = Date.now();
    service.kill('SIGTERM');
    const [code, signal] = (await once(service, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(code === 0 || signal === 'SIGTERM').toBe(true);

    const handled = await inboxCount();
    expect(handled).toBeLessThan(300);
    const committed = await committedOffsets(harness.admin, groupId, harness.topic.name);
    const committedTotal = [...committed.values()].reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0);
    expect(committedTotal).toBe(handled);
  });
});
