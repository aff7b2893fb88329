import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { ADAPTER_ENTITIES, ADAPTER_MIGRATIONS } from '../adapter-schema';
import { CommandRecord, CommandRef } from './command-record';
import { CommandRecordByPlanDay1766700000000 } from './migrations/1766700000000-command-record-by-plan-day';

const command = (planDay: string, n: number): CommandRef => ({ planDay, commandId: `${planDay}|1200001234566|4.8.1|2026-12-0${n}#1` });

describe('the adapters’ command record on a real PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let now = new Date('2026-12-08T10:00:00Z');
  const clock = { now: () => now };

  beforeEach(async () => {
    database = await createTestDatabase('command_record');
    dataSource = await createDataSource({ url: database.url, applicationName: 'command-record-spec', entities: ADAPTER_ENTITIES, migrations: ADAPTER_MIGRATIONS }).initialize();
  });

  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('claims a command once, says which were published before and which were interrupted, whatever their plan days', async () => {
    await runMigrations(dataSource);
    const record = new CommandRecord(dataSource, clock, 72);
    const [a, b, c] = [command('2026-12-07', 1), command('2026-12-08', 2), command('2026-12-08', 3)];
    expect(await record.claim([a, b, b])).toEqual({ fresh: new Set([a.commandId, b.commandId]), published: new Set(), interrupted: new Set() });
    await record.markPublished([a]);
    expect(await record.claim([a, b, c])).toEqual({ fresh: new Set([c.commandId]), published: new Set([a.commandId]), interrupted: new Set([b.commandId]) });
    const partitions = await dataSource.query(`SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'read_command_record_p%' ORDER BY 1`);
    expect(partitions.map((p: { relname: string }) => p.relname)).toEqual(['read_command_record_p20261207', 'read_command_record_p20261208']);
  });

  it('drops a plan day whole once it and its claims are older than the retention, and keeps the rest', async () => {
    await runMigrations(dataSource);
    const record = new CommandRecord(dataSource, clock, 48);
    now = new Date('2026-12-05T10:00:00Z');
    await record.claim([command('2026-12-04', 1), command('2026-12-05', 2), command('2026-12-06', 3)]);
    now = new Date('2026-12-08T10:00:00Z');
    // An old plan day's command taken up now: its day is kept, so a redelivery is still known.
    await record.claim([command('2026-12-01', 4)]);
    expect(await record.sweep()).toEqual(['read_command_record_p20261204', 'read_command_record_p20261205']);
    expect(await record.claim([command('2026-12-06', 3), command('2026-12-01', 4)])).toMatchObject({ interrupted: new Set([command('2026-12-06', 3).commandId, command('2026-12-01', 4).commandId]) });
  });

  it('carries the records made before it was partitioned over to the plan days their IDs begin with', async () => {
    const before = ADAPTER_MIGRATIONS.filter((m) => m.name !== CommandRecordByPlanDay1766700000000.name);
    const old = await createDataSource({ url: database.url, applicationName: 'command-record-old', entities: [], migrations: before }).initialize();
    await runMigrations(old);
    await old.query(`INSERT INTO read_command_record (command_id, claimed_at, published_at) VALUES ($1, now(), now()), ($2, now(), NULL), ('no-date-here#1', '2026-12-05T08:00:00Z', NULL)`,
      [command('2026-12-07', 1).commandId, command('2026-12-08', 2).commandId]);
    await old.destroy();
    expect(await runMigrations(dataSource)).toEqual([CommandRecordByPlanDay1766700000000.name]);
    const record = new CommandRecord(dataSource, clock, 72);
    expect(await record.claim([command('2026-12-07', 1), command('2026-12-08', 2), { planDay: '2026-12-05', commandId: 'no-date-here#1' }])).toEqual({
      fresh: new Set(), published: new Set([command('2026-12-07', 1).commandId]), interrupted: new Set([command('2026-12-08', 2).commandId, 'no-date-here#1']),
    });
  });
});
