import { DataSource, EntityManager } from 'typeorm';

/** Rows changed since the last ANALYZE, past which a table's statistics count as stale. */
const STALE_AFTER = { rows: 1_000, share: 0.2 };

const TABLE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Gathers the planner statistics of each of `tables` — or, for a partitioned table, of each of its
 * partitions — that has none or is stale (a fifth of its rows changed since): what autovacuum would
 * have done, done where a plan is only as good as the statistics. With none — a million schedules
 * made in the hour before the plan, autovacuum behind or turned off — PostgreSQL guessed a few
 * hundred rows and scanned all million for each page of 5,000 (issue 31's first national run).
 * One catalogue query when all are fresh; returns the tables analysed.
 */
export async function analyzeStale(runner: DataSource | EntityManager, tables: readonly string[]): Promise<string[]> {
  for (const table of tables) if (!TABLE_NAME.test(table)) throw new RangeError(`not a table name: ${table}`);
  const stale: { name: string }[] = await runner.query(
    `SELECT s.relname AS name FROM pg_stat_user_tables s
     WHERE s.schemaname = current_schema()
       AND (s.relname = ANY($1::text[]) OR s.relid IN (
         SELECT i.inhrelid FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
         WHERE p.relname = ANY($1::text[]) AND p.relnamespace = current_schema()::regnamespace))
       AND s.n_mod_since_analyze >= $2
       AND ((s.last_analyze IS NULL AND s.last_autoanalyze IS NULL) OR s.n_mod_since_analyze > s.n_live_tup * $3::float8)
     ORDER BY s.relname`,
    [tables, STALE_AFTER.rows, STALE_AFTER.share],
  );
  for (const { name } of stale) await runner.query(`ANALYZE "${name.replace(/"/g, '""')}"`);
  return stale.map(({ name }) => name);
}

/** analyzeStale for one table: true when its statistics (or a partition's) were gathered. */
export async function analyzeIfStale(runner: DataSource | EntityManager, table: string): Promise<boolean> {
  return (await analyzeStale(runner, [table])).length > 0;
}
