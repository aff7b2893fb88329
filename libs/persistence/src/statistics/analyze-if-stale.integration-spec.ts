import { createTestDatabase, eventually, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { createDataSource } from '../data-source.factory';
import { analyzeIfStale, analyzeStale } from './analyze-if-stale';

describe('statistics gathered before a whole-day pass when stale', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('analyze_if_stale');
    dataSource = await createDataSource({ url: database.url, applicationName: 'analyze-spec', entities: [], migrations: [] }).initialize();
    await dataSource.query(`CREATE TABLE readings (id int PRIMARY KEY, day date NOT NULL)`);
    await dataSource.query(`ALTER TABLE readings SET (autovacuum_enabled = false)`);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const changedSinceAnalyze = async () => Number((await dataSource.query(`SELECT n_mod_since_analyze AS n FROM pg_stat_user_tables WHERE relname = 'readings'`))[0]?.n ?? 0);
  const estimatedRows = async () => Number((await dataSource.query(`SELECT reltuples AS n FROM pg_class WHERE relname = 'readings'`))[0].n);

  it('analyses a table never analysed once a thousand rows have come, then not again until a fifth of it has changed', async () => {
    await dataSource.query(`INSERT INTO readings SELECT g, '2026-12-01' FROM generate_series(1, 500) g`);
    await eventually(async () => expect(await changedSinceAnalyze()).toBe(500));
    expect(await analyzeIfStale(dataSource, 'readings')).toBe(false);

    await dataSource.query(`INSERT INTO readings SELECT g, '2026-12-01' FROM generate_series(501, 10000) g`);
    await eventually(async () => expect(await changedSinceAnalyze()).toBe(10_000));
    expect(await analyzeIfStale(dataSource, 'readings')).toBe(true);
    expect(await estimatedRows()).toBe(10_000);
    await eventually(async () => expect(await changedSinceAnalyze()).toBe(0));
    expect(await analyzeIfStale(dataSource, 'readings')).toBe(false);

    await dataSource.query(`UPDATE readings SET day = '2026-12-02' WHERE id <= 1500`);
    await eventually(async () => expect(await changedSinceAnalyze()).toBe(1500));
    expect(await analyzeIfStale(dataSource, 'readings')).toBe(false);
    await dataSource.query(`UPDATE readings SET day = '2026-12-02' WHERE id > 1500 AND id <= 2600`);
    await eventually(async () => expect(await changedSinceAnalyze()).toBe(2600));
    expect(await analyzeIfStale(dataSource, 'readings')).toBe(true);
  });

  it('analyses the partitions of a partitioned table that are stale, and only those', async () => {
    await dataSource.query(`CREATE TABLE items (day date NOT NULL, n int NOT NULL) PARTITION BY RANGE (day)`);
    await dataSource.query(`CREATE TABLE items_p20261201 PARTITION OF items FOR VALUES FROM ('2026-12-01') TO ('2026-12-02') WITH (autovacuum_enabled = false)`);
    await dataSource.query(`CREATE TABLE items_p20261202 PARTITION OF items FOR VALUES FROM ('2026-12-02') TO ('2026-12-03') WITH (autovacuum_enabled = false)`);
    await dataSource.query(`INSERT INTO items SELECT '2026-12-02', g FROM generate_series(1, 3000) g`);
    await dataSource.query(`INSERT INTO items SELECT '2026-12-01', g FROM generate_series(1, 10) g`);
    await eventually(async () => expect(Number((await dataSource.query(`SELECT n_mod_since_analyze AS n FROM pg_stat_user_tables WHERE relname = 'items_p20261202'`))[0].n)).toBe(3000));
    expect(await analyzeStale(dataSource, ['items', 'readings'])).toEqual(['items_p20261202']);
    await eventually(async () => expect(await analyzeStale(dataSource, ['items'])).toEqual([]));
  });

  it('refuses what is not a plain table name', async () => {
    await expect(analyzeIfStale(dataSource, 'readings; DROP TABLE readings')).rejects.toThrow(RangeError);
    await expect(analyzeStale(dataSource, ['items', 'items"'])).rejects.toThrow(RangeError);
  });
});
