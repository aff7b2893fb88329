import { ReadCommand, ReadResult, Topics } from '@halfhour/contracts';
import { SteppedClock } from '@halfhour/domain';
import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { PostgresDataCache } from './postgres-data-cache';
import { Smets1CacheByDataDay1766800000000 } from './migrations/1766800000000-smets1-cache-by-data-day';
import { SMETS1_CACHE_ENTITIES, SMETS1_CACHE_MIGRATIONS } from './smets1-cache-schema';

const command = Topics.smets1Commands.messages[0].example as ReadCommand;
const result = (periods: ReadResult['periods'], overrides: Partial<ReadResult> = {}): ReadResult =>
  ({ ...(Topics.readResults.messages[0].example as ReadResult), deviceId: command.deviceId, srv: command.srv, dataDay: command.dataDay, periods, ...overrides });
const halfHour = (n: number) => new Date(Date.parse(command.readPeriod.start) + n * 1_800_000).toISOString();

describe('the SMETS1 cache in PostgreSQL, one row per device, SRV and data day', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let clock: SteppedClock;
  let cache: PostgresDataCache;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource({ url: database.url, applicationName: 'smets1-cache-spec', entities: SMETS1_CACHE_ENTITIES, migrations: SMETS1_CACHE_MIGRATIONS });
    await dataSource.initialize();
    await runMigrations(dataSource);
    clock = new SteppedClock(new Date(command.readPeriod.end));
    cache = new PostgresDataCache(dataSource, clock, 14);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('keeps what an earlier read brought when a later one of the same day misses it, the later read winning', async () => {
    await cache.store([result([{ start: halfHour(0), quality: 'ACTUAL', kwh: 1 }, { start: halfHour(1), quality: 'ACTUAL', kwh: 2 }])]);
    await cache.store([result([{ start: halfHour(0), quality: 'MISSING' }, { start: halfHour(1), quality: 'ACTUAL', kwh: 3 }, { start: halfHour(2), quality: 'ACTUAL', kwh: 4 }])]);

    const reading = (await cache.lookup([command])).get(command.commandId);
    expect(reading?.periods).toEqual([{ start: halfHour(0), kwh: 1 }, { start: halfHour(1), kwh: 3 }, { start: halfHour(2), kwh: 4 }]);
    expect(await dataSource.query('SELECT count(*)::int AS rows FROM smets1_cache_days')).toEqual([{ rows: 1 }]);
  });

  it('answers only for the device, SRV and day asked, within the read period', async () => {
    const otherDevice = { ...command, commandId: 'other', deviceId: '00-DB-12-34-56-78-90-FF' };
    const otherDay = { ...command, commandId: 'next-day', dataDay: '2026-04-02' };
    const found = await cache.lookup([command, otherDevice, otherDay]);
    expect([...found.keys()]).toEqual([command.commandId]);
  });

  it('forgets days older than the retention when swept, dropping each whole', async () => {
    clock.advanceTo(new Date(Date.parse(command.readPeriod.end) + 15 * 86_400_000));
    expect(await cache.sweep()).toEqual([`smets1_cache_days_p${command.dataDay.replaceAll('-', '')}`]);
    expect((await cache.lookup([command])).size).toBe(0);
  });

  it('carries the days cached before it was partitioned over, each to its own partition', async () => {
    const upgrade = await createTestDatabase('smets1_cache_upgrade');
    const before = SMETS1_CACHE_MIGRATIONS.filter((m) => m.name !== Smets1CacheByDataDay1766800000000.name);
    const old = await createDataSource({ url: upgrade.url, applicationName: 'smets1-cache-old', entities: [], migrations: before }).initialize();
    try {
      await runMigrations(old);
      await old.query(`INSERT INTO smets1_cache_days (device_id, srv, data_day, periods, registers) VALUES ($1, $2, $3, $4, '[]')`,
        [command.deviceId, command.srv, command.dataDay, JSON.stringify([{ start: halfHour(0), kwh: 7 }])]);
    } finally {
      await old.destroy();
    }
    const upgraded = await createDataSource({ url: upgrade.url, applicationName: 'smets1-cache-new', entities: SMETS1_CACHE_ENTITIES, migrations: SMETS1_CACHE_MIGRATIONS }).initialize();
    try {
      expect(await runMigrations(upgraded)).toEqual([Smets1CacheByDataDay1766800000000.name]);
      const reading = (await new PostgresDataCache(upgraded, new SteppedClock(new Date(command.readPeriod.end)), 14).lookup([command])).get(command.commandId);
      expect(reading?.periods).toEqual([{ start: halfHour(0), kwh: 7 }]);
    } finally {
      await upgraded.destroy();
      await upgrade.drop();
    }
  });
});
