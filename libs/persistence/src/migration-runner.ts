import { DataSource } from 'typeorm';

/** Any constant works; it only has to be the same for every replica of every service. */
const MIGRATION_LOCK_KEY = 7_001_162;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so replicas starting together do
 * not race (TypeORM itself takes no lock). Returns the names of the migrations it applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/** The service's migrations its database has not had yet, in the order they run. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const runner = dataSource.createQueryRunner();
  try {
    const applied = (await runner.hasTable(table))
      ? new Set(((await runner.query(`SELECT name FROM "${table}"`)) as { name: string }[]).map((row) => row.name))
      : new Set<string>();
    return inMigrationOrder(dataSource.migrations.map((m) => ({ name: m.name ?? m.constructor.name })))
      .map((m) => m.name).filter((name) => !applied.has(name));
  } finally {
    await runner.release();
  }
}

/**
 * Waits until the database has every migration the service was built with: in production the
 * migration Job applies them, and a service started before it finishes (or with an image newer
 * than the Job's) must not run on an old schema. Until then it says why, and it is not ready
 * (nothing listens yet), so a rollout waits for the Job rather than failing on a missing column.
 */
export async function untilSchemaIsCurrent(
  dataSource: DataSource, waiting: (pending: string[]) => void, retryMs = 5_000,
): Promise<void> {
  for (;;) {
    const pending = await pendingMigrations(dataSource);
    if (pending.length === 0) return;
    waiting(pending);
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

/** The SQL TypeORM would run to make the database match the entities; empty when there is no drift. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}

/**
 * A service's migrations in the order they run — by the timestamp that ends each class name, as
 * TypeORM orders them — whatever order the shared and the service's own lists were joined in.
 */
export function inMigrationOrder<T extends { name: string }>(migrations: readonly T[]): T[] {
  const timestampOf = (migration: T) => Number(/(\d{13})$/.exec(migration.name)?.[1] ?? Number.NaN);
  return [...migrations].sort((a, b) => timestampOf(a) - timestampOf(b));
}
