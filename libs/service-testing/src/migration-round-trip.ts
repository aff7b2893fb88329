import { createDataSource, pendingSchemaChanges, runMigrations } from '@halfhour/persistence';
import { createTestDatabase } from '@halfhour/testing';

type Entities = Parameters<typeof createDataSource>[0]['entities'];
type Migrations = Parameters<typeof createDataSource>[0]['migrations'];

export interface MigrationRoundTrip {
  /** Migration names applied to an empty database, in order. */
  applied: string[];
  /** DDL the entities would still need after the migrations: empty when they agree. */
  pendingAfterUp: string[];
  /** Tables left after every migration was undone: empty when each has a correct `down`. */
  tablesAfterDown: string[];
}

/** Runs a service's migrations up on a fresh database, compares with its entities, and undoes them. */
export async function migrationRoundTrip(entities: Entities, migrations: Migrations): Promise<MigrationRoundTrip> {
  const database = await createTestDatabase('hh_schema');
  const dataSource = await createDataSource({ url: database.url, applicationName: 'schema-test', entities, migrations }).initialize();
  try {
    const applied = await runMigrations(dataSource);
    const pendingAfterUp = await pendingSchemaChanges(dataSource);
    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: { table_name: string }[] = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    return { applied, pendingAfterUp, tablesAfterDown: tables.map((t) => t.table_name) };
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}
