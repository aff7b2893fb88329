import { DataSource, EntityManager } from 'typeorm';

/** Rows changed since the last ANALYZE, past which a whole-day pass asks for fresh statistics first. */
const STALE_AFTER = { rows: 1_000, share: 0.2 };

/**
 * Gathers `table`'s planner statistics when they are missing or stale (a fifth of its rows changed
 * since): what autovacuum would have done, done before a pass that reads the table page by page,
 * whose plan is only as good as the statistics. With none — a million schedules made in the hour
 * before the plan, autovacuum behind or turned off — PostgreSQL guessed a few hundred rows and
 * scanned all million for each page of 5,000 (issue 31's first national run). One query when fresh.
 */
export async function analyzeIfStale(runner: DataSource | EntityManager, table: string): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new RangeError(`not a table name: ${table}`);
  const [stats]: { live: string; changed: string; analysed: boolean }[] = await runner.query(
    `SELECT n_live_tup AS live, n_mod_since_analyze AS changed, (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) AS analysed
     FROM pg_stat_user_tables WHERE relname = $1 AND schemaname = current_schema()`,
    [table],
  );
  if (!stats) return false;
  const [live, changed] = [Number(stats.live), Number(stats.changed)];
  const stale = changed >= STALE_AFTER.rows && (!stats.analysed || changed > live * STALE_AFTER.share);
  if (stale) await runner.query(`ANALYZE "${table}"`);
  return stale;
}
