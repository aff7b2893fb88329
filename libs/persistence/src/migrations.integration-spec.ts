import { createTestDatabase, eventually, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { createDataSource } from './data-source.factory';
import { claimNewMessages } from './inbox/claim-new-messages';
import { pendingMigrations, pendingSchemaChanges, runMigrations, untilSchemaIsCurrent } from './migration-runner';
import { SHARED_ENTITIES, SHARED_MIGRATIONS } from './persistence-schema';

describe('shared schema on a real PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeEach(async () => {
    database = await createTestDatabase();
    dataSource = await createDataSource({
      url: database.url,
      applicationName: 'persistence-test',
      entities: SHARED_ENTITIES,
      migrations: SHARED_MIGRATIONS,
    }).initialize();
  });

  afterEach(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function tableNames(): Promise<string[]> {
    const rows: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((row) => row.table_name);
  }

  it('migrates an empty database to exactly what the entities describe (no drift)', async () => {
    expect(await pendingSchemaChanges(dataSource)).not.toEqual([]);
    const applied = await runMigrations(dataSource);
    expect(applied).toEqual(SHARED_MIGRATIONS.map((m) => m.name));
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
  });

  it('holds a service started on an old schema until the migrations are applied, saying which are missing', async () => {
    expect(await pendingMigrations(dataSource)).toEqual(SHARED_MIGRATIONS.map((m) => m.name));
    const told: string[][] = [];
    const waiting = untilSchemaIsCurrent(dataSource, (pending) => told.push(pending), 20);
    let started = false;
    void waiting.then(() => (started = true));
    await eventually(() => expect(told.length).toBeGreaterThanOrEqual(2));
    expect(started).toBe(false);
    expect(told[0]).toEqual(SHARED_MIGRATIONS.map((m) => m.name));
    await runMigrations(dataSource);
    await waiting;
    expect(await pendingMigrations(dataSource)).toEqual([]);
  });

  it('is safe to run from several replicas at once, and again later', async () => {
    const [first, second] = await Promise.all([runMigrations(dataSource), runMigrations(dataSource)]);
    expect([...first, ...second]).toEqual(SHARED_MIGRATIONS.map((m) => m.name));
    expect(await runMigrations(dataSource)).toEqual([]);
  });

  it('reverts every migration with its down step, back to an empty schema', async () => {
    await runMigrations(dataSource);
    for (let i = 0; i < SHARED_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tableNames()).toEqual(['schema_migrations']);
  });

  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

  it('claims each message ID once per consumer group, and not at all when the transaction rolls back', async () => {
    await runMigrations(dataSource);
    const [m1, m2, m3, m4] = [1, 2, 3, 4].map(id);
    const first = await dataSource.transaction((m) => claimNewMessages(m, 'group-a', [m1, m2, m2]));
    expect(first).toEqual(new Set([m1, m2]));
    const again = await dataSource.transaction((m) => claimNewMessages(m, 'group-a', [m2, m3]));
    expect(again).toEqual(new Set([m3]));
    const otherGroup = await dataSource.transaction((m) => claimNewMessages(m, 'group-b', [m1]));
    expect(otherGroup).toEqual(new Set([m1]));

    await expect(
      dataSource.transaction(async (m) => {
        await claimNewMessages(m, 'group-c', [m4]);
        throw new Error('write failed');
      }),
    ).rejects.toThrow('write failed');
    expect(await dataSource.transaction((m) => claimNewMessages(m, 'group-c', [m4]))).toEqual(new Set([m4]));
  });

  it('compares IDs as UUIDs, gives each back as it came, and refuses an ID that is no UUID', async () => {
    await runMigrations(dataSource);
    const upper = 'ABCDEF01-2345-4678-9ABC-DEF012345678';
    expect(await dataSource.transaction((m) => claimNewMessages(m, 'group-a', [upper]))).toEqual(new Set([upper]));
    expect(await dataSource.transaction((m) => claimNewMessages(m, 'group-a', [upper.toLowerCase()]))).toEqual(new Set());
    await expect(dataSource.transaction((m) => claimNewMessages(m, 'group-a', ['m1']))).rejects.toThrow(/UUIDs only/);
  });

  it('carries the claims made before the inbox was compacted over to it', async () => {
    const beforeCompacting = SHARED_MIGRATIONS.filter((m) => m.name !== 'CompactInbox1766500000000');
    const old = await createDataSource({ url: database.url, applicationName: 'persistence-test-old', entities: [], migrations: beforeCompacting }).initialize();
    await runMigrations(old);
    await old.query(`INSERT INTO inbox_messages (consumer_group, message_id, processed_at) VALUES ('group-a', $1, '2026-12-01T00:00:00Z'), ('group-b', $1, now()), ('group-a', 'not-a-uuid', now())`, [id(7).toUpperCase()]);
    await old.destroy();
    expect(await runMigrations(dataSource)).toEqual(['CompactInbox1766500000000']);
    expect(await dataSource.transaction((m) => claimNewMessages(m, 'group-a', [id(7), id(8)]))).toEqual(new Set([id(8)]));
    expect(await dataSource.transaction((m) => claimNewMessages(m, 'group-b', [id(7)]))).toEqual(new Set());
    const [{ at }] = await dataSource.query(`SELECT min(processed_at) AS at FROM inbox_messages`);
    expect(new Date(at).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
