import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { MDR_USER } from '../../test/fixtures';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from '../persistence/scheduler-schema';
import { ItemRepository } from './item-repository';
import { ItemRow } from './item-row';

const DAY = '2026-12-06';
const ON_DEMAND_USER = { ...MDR_USER, userId: '00-00-00-00-00-00-00-77' };

function item(mpan: string, over: Partial<ItemRow>): ItemRow {
  return {
    planDay: DAY, itemKey: `${mpan}|4.8.1|2026-12-05`, mpan, deviceId: '00-00-00-00-00-00-10-01', provider: 'CSP-SOUTH', srv: '4.8.1', dataDay: '2026-12-05',
    kind: 'SCHEDULED', state: 'PLANNED', slotStart: new Date(`${DAY}T08:00:00Z`), earliest: new Date(`${DAY}T01:00:00Z`), deadline: new Date(`${DAY}T23:00:00Z`), attempt: 0,
    requesters: [{ ...MDR_USER, origin: 'schedule-1', requestId: `${MDR_USER.userId}:00-00-00-00-00-00-00-01:1` }], ...over,
  };
}

/**
 * A day's plan and an on-demand read writing the same items at once, in opposite orders: what a
 * 200,000-MPAN-day bench did when the plan's transaction outlived the simulated midnight, and
 * PostgreSQL cancelled the plan as a deadlock's victim.
 */
describe("a day's items written by its plan and by an on-demand read at the same time", () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let items: ItemRepository;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource({ url: database.url, applicationName: 'day-writes-spec', entities: SCHEDULER_ENTITIES, migrations: SCHEDULER_MIGRATIONS, poolSize: 4 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    items = new ItemRepository(dataSource);
    await items.ensurePartition(DAY);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Sessions of this database waiting for a lock another holds. */
  async function waitingForLocks(): Promise<number> {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    return n;
  }

  it('never deadlocks: the read waits for the plan, then merges into the items it wrote', async () => {
    const [a, b] = ['1400000000001', '1400000000002'];
    let planWroteFirst!: () => void;
    const firstWritten = new Promise<void>((resolve) => (planWroteFirst = resolve));
    let letPlanFinish!: () => void;
    const planMayFinish = new Promise<void>((resolve) => (letPlanFinish = resolve));
    const plan = items.inTransaction(async (manager) => {
      await items.lockDayForPlan(manager, DAY);
      await items.addNew(manager, [item(a, {})]);
      planWroteFirst();
      await planMayFinish;
      await items.addNew(manager, [item(b, {})]);
    });
    await firstWritten;
    const onDemand = { kind: 'ON_DEMAND' as const, state: 'UNPLACED' as const, slotStart: null, requesters: [{ ...ON_DEMAND_USER, origin: 'request-9', requestId: `${ON_DEMAND_USER.userId}:00-00-00-00-00-00-00-01:9` }] };
    const read = items.inTransaction((manager) => items.addMerging(manager, [item(b, onDemand), item(a, onDemand)]));
    await eventually(async () => expect(await waitingForLocks()).toBe(1), 10_000, 20);
    letPlanFinish();
    await Promise.all([plan, read]);

    const rows: { mpan: string; users: string[] }[] = await dataSource.query(
      `SELECT mpan, array(SELECT r->>'userId' FROM jsonb_array_elements(requesters) AS r ORDER BY 1) AS users FROM collection_items WHERE plan_day = $1 ORDER BY mpan`, [DAY],
    );
    expect(rows).toEqual([a, b].map((mpan) => ({ mpan, users: [ON_DEMAND_USER.userId, MDR_USER.userId].sort() })));
  });
});
