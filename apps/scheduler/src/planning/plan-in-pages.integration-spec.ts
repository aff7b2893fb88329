import { EntityManager } from 'typeorm';
import { databasePlanner } from '../../test/database-planner';
import { itemsDatabase, ItemsDatabase } from '../../test/items-database';
import { seedPlanDay } from '../../test/plan-day-seed';
import { ItemRepository } from '../items/item-repository';
import { ItemRow } from '../items/item-row';
import { PostgresPlanSessions } from './plan-session';

const PLAN_DAY = '2026-12-06';
const MPANS = 1_200;
const MPANS_PER_PAGE = 250;

/** Item writes that fail on the `nth` page: the planner stopping there, its page's transaction rolled back. */
function stoppingOnPage(items: ItemRepository, nth: number): ItemRepository {
  let pages = 0;
  return Object.assign(Object.create(items) as ItemRepository, {
    addNew: async (manager: EntityManager, rows: readonly ItemRow[]) => {
      if (++pages === nth) throw new Error('the planner stopped');
      return items.addNew(manager, rows);
    },
  });
}

/**
 * A day's plan commits a page at a time on a session of its own: nothing of the day is held in
 * one transaction, a planner that stops leaves its pages and where it got to, and the next
 * session plans the rest — every demand an item once, no slot past its capacity.
 */
describe("a day's plan committed a page at a time", () => {
  let store: ItemsDatabase;

  beforeAll(async () => {
    store = await itemsDatabase(PLAN_DAY, 'plan-in-pages-spec');
    await seedPlanDay(store.dataSource, MPANS, PLAN_DAY);
  });

  afterAll(() => store?.drop());

  const query = async <T>(sql: string): Promise<T> => (await store.dataSource.query(sql))[0];

  it('resumes after the last page committed when its planner stops mid-plan', async () => {
    const stopping = databasePlanner(store.dataSource, { items: stoppingOnPage(store.items, 3), mpansPerPage: MPANS_PER_PAGE });
    await expect(stopping.planIfNeeded(PLAN_DAY, new Date(`${PLAN_DAY}T00:05:00Z`))).rejects.toThrow('the planner stopped');
    const written = 2 * MPANS_PER_PAGE;
    expect(await query('SELECT count(*)::int AS items FROM collection_items')).toEqual({ items: written });
    expect(await query(`SELECT after_mpan AS "afterMpan", (counts->>'items')::int AS items FROM plan_progress`)).toEqual({ afterMpan: `14${String(written - 1).padStart(11, '0')}`, items: written });
    expect(await query('SELECT count(*)::int AS plans FROM plan_runs')).toEqual({ plans: 0 });

    const restarted = databasePlanner(store.dataSource, { mpansPerPage: MPANS_PER_PAGE });
    expect(await restarted.planIfNeeded(PLAN_DAY, new Date(`${PLAN_DAY}T00:10:00Z`))).toBe(true);
    // One item per MPAN (every tenth MPAN's supplier schedule merged into its MDR's), each once.
    expect(await query('SELECT count(*)::int AS items, count(DISTINCT item_key)::int AS keys, count(slot_start)::int AS placed FROM collection_items')).toEqual({ items: MPANS, keys: MPANS, placed: MPANS });
    expect(await query(`SELECT demands, items, (SELECT count(*)::int FROM plan_progress) AS progress FROM plan_runs`)).toEqual({ demands: MPANS + MPANS / 10, items: MPANS, progress: 0 });
    const [{ busiest, allowed }] = await store.dataSource.query(
      `SELECT max(reads) AS busiest, (SELECT min((r->>'mhhsReadsPerSlot')::int) FROM plan_runs, jsonb_array_elements(report) AS r) AS allowed
       FROM (SELECT count(*)::int AS reads FROM collection_items GROUP BY provider, slot_start) AS s`,
    );
    expect(busiest).toBeLessThanOrEqual(allowed);
    expect(await restarted.planIfNeeded(PLAN_DAY, new Date(`${PLAN_DAY}T00:15:00Z`))).toBe(false);
  });

  it('lets one session plan a day at a time, and a session whose connection dies lets the day go', async () => {
    const sessions = new PostgresPlanSessions(store.dataSource);
    let started!: (pid: number) => void;
    const pid = new Promise<number>((resolve) => (started = resolve));
    const first = sessions.during('2026-12-07', async (session) => {
      started((await session.reader.query('SELECT pg_backend_pid() AS pid'))[0].pid);
      await session.reader.query('SELECT pg_sleep(30)');
    });
    const firstPid = await pid;
    expect(await sessions.during('2026-12-07', async () => 'planned')).toBeUndefined();
    expect(await sessions.during('2026-12-08', async () => 'planned')).toBe('planned');

    await store.dataSource.query('SELECT pg_terminate_backend($1)', [firstPid]);
    await expect(first).rejects.toThrow();
    expect(await sessions.during('2026-12-07', async () => 'planned')).toBe('planned');
  });
});
