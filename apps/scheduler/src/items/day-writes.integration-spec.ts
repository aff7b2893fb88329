import { eventually } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { MDR_USER } from '../../test/fixtures';
import { itemsDatabase, ItemsDatabase, plannedItem } from '../../test/items-database';
import { PostgresPlanSessions } from '../planning/plan-session';
import { ItemRepository } from './item-repository';
import { ItemRow } from './item-row';

const DAY = '2026-12-06';
const ON_DEMAND_USER = { ...MDR_USER, userId: '00-00-00-00-00-00-00-77' };
const item = (mpan: string, over: Partial<ItemRow>) => plannedItem(DAY, mpan, over);

/**
 * A day's plan and an on-demand read writing the same items at once, in opposite orders: what a
 * 200,000-MPAN-day bench did when the plan's transaction outlived the simulated midnight, and
 * PostgreSQL cancelled the plan as a deadlock's victim.
 */
describe("a day's items written by its plan and by an on-demand read at the same time", () => {
  let store: ItemsDatabase;
  let dataSource: DataSource;
  let items: ItemRepository;

  beforeAll(async () => {
    store = await itemsDatabase(DAY, 'day-writes-spec');
    ({ dataSource, items } = store);
  });

  afterAll(() => store?.drop());

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
    // As the plan writes: holding the day in its session, a page committed in a transaction of its own.
    const plan = new PostgresPlanSessions(dataSource).during(DAY, async (session) => {
      await session.holdDayAndPlacements();
      await session.transaction((manager) => items.addNew(manager, [item(a, {})]));
      planWroteFirst();
      await planMayFinish;
      await session.transaction((manager) => items.addNew(manager, [item(b, {})]));
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
