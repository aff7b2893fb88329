import { MpanTimeline } from '@halfhour/domain';
import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@halfhour/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from '../persistence/registry-schema';
import { RegistryRepository } from './registry.repository';

const [first, middle, last] = ['1000000000001', '1000000000002', '1000000000003'];
const timeline = (mpan: string): MpanTimeline => ({ mpan, suppliers: [], mdrAppointments: [], consent: [], devices: [] });

/**
 * The consumers' timeline writes and the relay's marks of what it published lock the same rows;
 * each locks them in MPAN order, so neither can hold one the other already waits behind. Shown by
 * holding the middle row elsewhere: a writer that waits for it holds the first row and not the last.
 */
describe('registry writes lock timelines in MPAN order', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let registry: RegistryRepository;
  let holder: Client;
  let probe: Client;

  beforeAll(async () => {
    database = await createTestDatabase('lock_order');
    dataSource = createDataSource({ url: database.url, applicationName: 'lock-order-spec', entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS });
    await dataSource.initialize();
    await runMigrations(dataSource);
    registry = new RegistryRepository(dataSource);
    holder = new Client({ connectionString: database.url });
    probe = new Client({ connectionString: database.url });
    await Promise.all([holder.connect(), probe.connect()]);
  });

  afterAll(async () => {
    await Promise.all([holder?.end(), probe?.end()]);
    await dataSource?.destroy();
    await database?.drop();
  });

  beforeEach(async () => {
    await dataSource.query('TRUNCATE mpan_timelines');
    // Stored last-first, so a plan that reads the table in its physical order meets them backwards.
    for (const mpan of [last, middle, first]) await registry.transaction((m) => registry.saveTimelines(m, [{ timeline: timeline(mpan), version: 1 }]));
  });

  async function whileMiddleIsHeld(write: () => Promise<void>): Promise<{ firstFree: boolean; lastFree: boolean }> {
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM mpan_timelines WHERE mpan = $1 FOR UPDATE', [middle]);
    const writing = write();
    await eventually(async () => {
      const { rows } = await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lock-order-spec' AND wait_event_type = 'Lock'`);
      expect(rows[0].n).toBe(1);
    });
    const free = async (mpan: string) => {
      await probe.query('BEGIN');
      try {
        await probe.query('SELECT 1 FROM mpan_timelines WHERE mpan = $1 FOR UPDATE NOWAIT', [mpan]);
        return true;
      } catch {
        return false;
      } finally {
        await probe.query('ROLLBACK');
      }
    };
    const seen = { firstFree: await free(first), lastFree: await free(last) };
    await holder.query('COMMIT');
    await writing;
    return seen;
  }

  it('the consumers write timelines in MPAN order, whatever order the batch brought them in', async () => {
    const seen = await whileMiddleIsHeld(() => registry.transaction((m) =>
      registry.saveTimelines(m, [last, middle, first].map((mpan) => ({ timeline: timeline(mpan), version: 2 })))));
    expect(seen).toEqual({ firstFree: false, lastFree: true });
  });

  it('the relay marks what it published in MPAN order, whatever order it published in', async () => {
    const seen = await whileMiddleIsHeld(() => registry.markPublished([last, middle, first].map((mpan) => ({ mpan, timeline: timeline(mpan), version: 1 }))));
    expect(seen).toEqual({ firstFree: false, lastFree: true });
    const { rows } = await probe.query('SELECT count(*)::int AS n FROM mpan_timelines WHERE published_version = 1');
    expect(rows[0].n).toBe(3);
  });
});
