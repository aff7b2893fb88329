import { DataSource } from 'typeorm';
import { itemsDatabase, ItemsDatabase, plannedItem } from '../../test/items-database';
import { ItemRepository } from './item-repository';
import { ItemRow } from './item-row';

const DAY = '2026-12-06';
const item = (mpan: string, over: Partial<ItemRow>) => plannedItem(DAY, mpan, over);

/**
 * What the scheduler asks every round — which items are due, which are past their deadline, which
 * wait for a slot — read from an index in the order wanted and stopped by the LIMIT, never the
 * whole day sorted: each plan below is PostgreSQL's with the scans that read a whole partition
 * (sequential, bitmap) and sorting priced out, so a plan that still has them has no other way.
 */
describe("the scheduler's questions of every round, answered without reading the day", () => {
  let store: ItemsDatabase;
  let dataSource: DataSource;
  let items: ItemRepository;

  beforeAll(async () => {
    store = await itemsDatabase(DAY, 'per-round-queries-spec');
    ({ dataSource, items } = store);
  });

  afterAll(() => store?.drop());

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

    expect(await planOf((explaining) => explaining.pastDeadline(new Date(`${DAY}T13:00:00Z`), 100))).toMatch(/Index Scan using collection_items_p20261206_deadline_idx/);
  });

  it('hands over the items due in slot order straight from the index by state and slot', async () => {
    const plan = await planOf((explaining, runner) => explaining.lockDue(runner, new Date(`${DAY}T13:00:00Z`), 100));
    expect(plan).toMatch(/Index Scan using collection_items_p20261206_state_slot_start_idx/);
    expect(plan).not.toMatch(/Sort/);
  });

  it('gives the most urgent of the items waiting for a slot from the index of those alone, in deadline order', async () => {
    await items.inTransaction((manager) => items.addNew(manager, [
      item('1400000000005', { state: 'UNPLACED', slotStart: null, deadline: new Date(`${DAY}T20:00:00Z`) }),
      item('1400000000006', { state: 'FAILED', deadline: new Date(`${DAY}T18:00:00Z`) }),
    ]));
    const waiting = await items.awaitingSlot(new Date(`${DAY}T13:00:00Z`), 100);
    expect(waiting.map((i) => i.mpan)).toEqual(['1400000000006', '1400000000005']);

    const plan = await planOf((explaining) => explaining.awaitingSlot(new Date(`${DAY}T13:00:00Z`), 100));
    expect(plan).toMatch(/Index Scan using collection_items_p20261206_deadline_idx1/);
    expect(plan).not.toMatch(/Sort/);
  });

  /** The plan of what `ask` sends, on one connection with whole-partition scans and sorts priced out. */
  async function planOf(ask: (explaining: ItemRepository, runner: DataSource) => Promise<unknown>): Promise<string> {
    const runner = dataSource.createQueryRunner();
    try {
      for (const off of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await runner.query(`SET ${off} = off`);
      const explain = (sql: string, parameters: unknown[]) => runner.query(`EXPLAIN ${sql}`, parameters);
      const explaining = { query: explain } as unknown as DataSource;
      return ((await ask(new ItemRepository(explaining), explaining)) as { 'QUERY PLAN': string }[]).map((line) => line['QUERY PLAN']).join('\n');
    } finally {
      await runner.release();
    }
  }
});
