import { createTestDatabase, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.factory';
import { DayPartitions } from '../partitions/day-partitions';
import { RETENTION_BATCH_ROWS } from './retention-rule';
import { RetentionSweeper } from './retention-sweeper';

const NOW = new Date('2026-12-10T12:00:00Z');
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

describe('retention on a real PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await createDataSource({ url: database.url, applicationName: 'retention-test', entities: [], migrations: [] }).initialize();
    await dataSource.query(`CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz NOT NULL, state text NOT NULL)`);
    await dataSource.query(`CREATE TABLE work_items (day date NOT NULL, item text NOT NULL, state text NOT NULL) PARTITION BY RANGE (day)`);
    for (const day of ['2026-11-30', '2026-12-02', '2026-12-09']) {
      await dataSource.query(`CREATE TABLE "work_items_p${day.replaceAll('-', '')}" PARTITION OF work_items FOR VALUES FROM ('${day}') TO ('${day}'::date + 1)`);
    }
  });

  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const count = async (sql: string) => Number((await dataSource.query(sql))[0].n);
  const sweeper = () => new RetentionSweeper(
    dataSource,
    [{ table: 'events', olderThan: 'at', keepDays: 7, finished: "state = 'DONE'" }],
    [{ table: 'work_items', keepDays: 7, inFlight: "state <> 'DONE'" }],
    { now: () => NOW },
  );

  it('deletes finished rows past their retention in batches, and keeps younger rows and work in flight', async () => {
    const old = RETENTION_BATCH_ROWS * 2 + 500;
    await dataSource.query(`INSERT INTO events (at, state) SELECT $1, 'DONE' FROM generate_series(1, ${old})`, [daysAgo(8)]);
    await dataSource.query(`INSERT INTO events (at, state) VALUES ($1, 'PENDING'), ($2, 'DONE'), ($3, 'DONE')`, [daysAgo(30), daysAgo(6), daysAgo(6.99)]);

    const outcome = await sweeper().sweep();
    expect(outcome.deleted).toEqual({ events: old });
    expect(await count(`SELECT count(*) AS n FROM events WHERE state = 'DONE'`)).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM events WHERE state = 'PENDING'`)).toBe(1);
    expect((await sweeper().sweep()).deleted).toEqual({ events: 0 });
  });

  it('makes the space of the rows it deleted reusable at once: the table does not grow when as many rows come again', async () => {
    const rows = 20_000;
    await dataSource.query(`INSERT INTO events (at, state) SELECT $1, 'DONE' FROM generate_series(1, ${rows})`, [daysAgo(8)]);
    const size = async () => Number((await dataSource.query(`SELECT pg_relation_size('events') AS n`))[0].n);
    const full = await size();

    expect((await sweeper().sweep()).deleted).toEqual({ events: rows });
    await dataSource.query(`INSERT INTO events (at, state) SELECT $1, 'DONE' FROM generate_series(1, ${rows})`, [daysAgo(1)]);
    expect(await size()).toBeLessThanOrEqual(full);
  });

  it('drops whole day partitions past their retention, but not one with work still in flight; replicas sweeping at once drop each once', async () => {
    await dataSource.query(`INSERT INTO work_items (day, item, state) VALUES
      ('2026-11-30', 'a', 'DONE'), ('2026-11-30', 'b', 'DONE'),
      ('2026-12-02', 'c', 'DONE'), ('2026-12-02', 'd', 'PENDING'),
      ('2026-12-09', 'e', 'DONE'), ('2026-12-09', 'f', 'PENDING')`);

    const outcomes = await Promise.all([sweeper().sweep(), sweeper().sweep()]);
    expect(outcomes.flatMap((o) => o.droppedPartitions.work_items)).toEqual(['work_items_p20261130']);
    for (const outcome of outcomes) expect(outcome.keptInFlight.work_items).toEqual(['work_items_p20261202']);
    expect((await dataSource.query(`SELECT item FROM work_items ORDER BY item`)).map((r: { item: string }) => r.item)).toEqual(['c', 'd', 'e', 'f']);
    expect(await count(`SELECT count(*) AS n FROM pg_class WHERE relname = 'work_items_p20261130'`)).toBe(0);

    // Once its last item finishes, the next sweep drops it.
    await dataSource.query(`UPDATE work_items SET state = 'DONE' WHERE item = 'd'`);
    expect((await sweeper().sweep()).droppedPartitions.work_items).toEqual(['work_items_p20261202']);
    expect((await dataSource.query(`SELECT item FROM work_items ORDER BY item`)).map((r: { item: string }) => r.item)).toEqual(['e', 'f']);
  });

  it('keeps an old day’s partition while a row in it finished within the retention, and drops it once none has', async () => {
    await dataSource.query(`CREATE TABLE deliveries (day date NOT NULL, ref text NOT NULL, state text NOT NULL, finished_at timestamptz) PARTITION BY RANGE (day)`);
    await new DayPartitions(dataSource, 'deliveries').ensure(['2026-09-01', '2026-09-02', '2026-09-02', '2026-12-09']);
    await dataSource.query(`INSERT INTO deliveries VALUES ('2026-09-01', 'a', 'DELIVERED', $1), ('2026-09-02', 'b', 'DELIVERED', $2), ('2026-12-09', 'c', 'PENDING', NULL)`, [daysAgo(30), daysAgo(2)]);
    const deliveries = () => new RetentionSweeper(dataSource, [], [{ table: 'deliveries', keepDays: 7, inFlight: "state = 'PENDING'", finishedAt: 'finished_at' }], { now: () => NOW });

    const first = await deliveries().sweep();
    expect(first.droppedPartitions.deliveries).toEqual(['deliveries_p20260901']);
    expect(first.keptInFlight.deliveries).toEqual(['deliveries_p20260902']);

    const later = new RetentionSweeper(dataSource, [], [{ table: 'deliveries', keepDays: 7, inFlight: "state = 'PENDING'", finishedAt: 'finished_at' }], { now: () => new Date(NOW.getTime() + 6 * DAY) });
    expect((await later.sweep()).droppedPartitions.deliveries).toEqual(['deliveries_p20260902']);
    expect((await dataSource.query(`SELECT ref FROM deliveries`)).map((r: { ref: string }) => r.ref)).toEqual(['c']);
  });
});
