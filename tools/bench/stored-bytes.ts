import { inEachDatabase } from './each-database';

/**
 * Tables that keep something for every MPAN-day collected, until retention: what a national day
 * adds to the disk. The rest grow with the population (registry, schedules, decisions) or are
 * emptied as they are sent (the Kafka outboxes).
 */
const KEPT_PER_DAY = '^(collection_items(_p[0-9]+)?|dip_outbox(_p[0-9]+)?|inbox_messages|read_command_record(_p[0-9]+)?|smets1_cache_days(_p[0-9]+)?)$';

/** One table's bytes at the end of a run: its live rows, its heap as left on disk, its indexes, its TOAST. */
export interface StoredTable {
  table: string;
  rows: number;
  heap: number;
  indexes: number;
  toast: number;
}

/**
 * The tables kept per day in each of a run's databases, measured by pgstattuple: a run's updates
 * leave dead row versions in the heap that VACUUM makes room of for the next day's rows, so a day's
 * steady-state cost is its live rows with their indexes and TOAST, and the heap as left on disk is
 * the upper bound.
 */
export async function storedTables(databaseUrls: Record<string, string>): Promise<StoredTable[]> {
  return inEachDatabase(databaseUrls, async (client, database) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS pgstattuple');
    const { rows } = await client.query<{ table: string; rows: string; heap: string; indexes: string; toast: string }>(
      `SELECT c.relname AS table, s.tuple_len AS rows, s.table_len AS heap, pg_indexes_size(c.oid) AS indexes,
         coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0) AS toast
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, LATERAL pgstattuple(c.oid) s
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname ~ $1`,
      [KEPT_PER_DAY],
    );
    return rows.map((row) => ({ table: `${database}.${row.table}`, rows: Number(row.rows), heap: Number(row.heap), indexes: Number(row.indexes), toast: Number(row.toast) }));
  });
}

/** Bytes per MPAN-day of the tables kept per day: in steady state (live rows, indexes, TOAST) and as left on disk (heap for rows). */
export function bytesPerMpanDay(tables: readonly StoredTable[], mpanDays: number): { steady: number; onDisk: number; lines: string[] } {
  const per = (bytes: number) => Math.round(bytes / Math.max(mpanDays, 1));
  const steady = per(tables.reduce((sum, t) => sum + t.rows + t.indexes + t.toast, 0));
  const onDisk = per(tables.reduce((sum, t) => sum + t.heap + t.indexes + t.toast, 0));
  const lines = [
    `stored per MPAN-day in the tables kept per day: ${steady} bytes in steady state (live rows, indexes, TOAST), ${onDisk} as left on disk; ` +
      `${((steady * 30_000_000) / 1e9).toFixed(0)}–${((onDisk * 30_000_000) / 1e9).toFixed(0)} GB a national day`,
    ...[...tables].sort((a, b) => b.heap + b.indexes - (a.heap + a.indexes)).filter((t) => per(t.heap + t.indexes + t.toast) > 0).map((t) =>
      `  ${t.table.padEnd(40)} rows ${String(per(t.rows)).padStart(5)}, heap ${String(per(t.heap)).padStart(5)}, indexes ${String(per(t.indexes)).padStart(5)}, TOAST ${String(per(t.toast)).padStart(4)} bytes`),
  ];
  return { steady, onDisk, lines };
}
