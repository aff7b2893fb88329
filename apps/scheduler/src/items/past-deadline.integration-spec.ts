import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { MDR_USER } from '../../test/fixtures';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from '../persistence/scheduler-schema';
import { ItemRepository } from './item-repository';
import { ItemRow } from './item-row';

const DAY = '2026-12-06';

function item(mpan: string, over: Partial<ItemRow>): ItemRow {
  return {
    planDay: DAY, itemKey: `${mpan}|4.8.1|2026-12-05`, mpan, deviceId: '00-00-00-00-00-00-10-01', provider: 'CSP-SOUTH', srv: '4.8.1', dataDay: '2026-12-05',
    kind: 'SCHEDULED', state: 'PLANNED', slotStart: new Date(`${DAY}T08:00:00Z`), earliest: new Date(`${DAY}T01:00:00Z`), deadline: new Date(`${DAY}T23:00:00Z`), attempt: 0,
    requesters: [{ ...MDR_USER, origin: 'schedule-1', requestId: `${MDR_USER.userId}:00-00-00-00-00-00-00-01:1` }], ...over,
  };
}

/** Asked every tick: which open items are past their deadline — from the open items' index, never the whole day. */
describe('items past their deadline', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let items: ItemRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource({ url: database.url, applicationName: 'past-deadline-spec', entities: SCHEDULER_ENTITIES, migrations: SCHEDULER_MIGRATIONS, poolSize: 2 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    items = new ItemRepository(dataSource);
    await items.ensurePartition(DAY);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('are the open ones whose deadline has passed, found through the index of open items by deadline', async () => {
    const early = new Date(`${DAY}T12:00:00Z`);
    await items.inTransaction((manager) => items.addNew(manager, [
      item('1400000000001', { deadline: early }),
      item('1400000000002', { deadline: early, state: 'FAILED' }),
      item('1400000000003', { deadline: early, state: 'SUCCEEDED' }),
      item('1400000000004', {}),
    ]));
    const late = await items.pastDeadline(new Date(`${DAY}T13:00:00Z`), 100);
    expect(late.map((i) => i.mpan).sort()).toEqual(['1400000000001', '1400000000002']);

    // Where the index could not serve the query (its states not those of the index), PostgreSQL
    // would scan the partition even with sequential and bitmap scans priced out.
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query('SET enable_seqscan = off');
      await runner.query('SET enable_bitmapscan = off');
      const explaining = new ItemRepository({ query: (sql: string, parameters: unknown[]) => runner.query(`EXPLAIN ${sql}`, parameters) } as unknown as DataSource);
      const plan = (await explaining.pastDeadline(new Date(`${DAY}T13:00:00Z`), 100) as unknown as { 'QUERY PLAN': string }[]).map((line) => line['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Scan using collection_items_p20261206_deadline_idx/);
    } finally {
      await runner.release();
    }
  });
});

