import { inEachDatabase } from './each-database';

/** Rows a run wrote to one table, from PostgreSQL's own counters. */
export interface TableWrites {
  database: string;
  table: string;
  inserted: number;
  updated: number;
  deleted: number;
  /** Heap, indexes and TOAST, in bytes. */
  bytes: number;
}

/**
 * Row writes per table in each of a run's databases (made afresh for the run, so the counters are
 * the run's own). PostgreSQL's share of the machine is mostly these writes; they say which table
 * costs what per MPAN-day.
 */
export async function tableWrites(databaseUrls: Record<string, string>): Promise<TableWrites[]> {
  const all = await inEachDatabase(databaseUrls, async (client, database) => {
    // The counters reach the statistics views up to a second after each transaction.
    await client.query('SELECT pg_stat_force_next_flush()').catch(() => undefined);
    const { rows } = await client.query<{ table: string; inserted: string; updated: string; deleted: string; bytes: string }>(
      `SELECT relname AS table, n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_del AS deleted, pg_total_relation_size(relid) AS bytes
       FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0`,
    );
    return rows.map((row) => ({ database, table: row.table, inserted: Number(row.inserted), updated: Number(row.updated), deleted: Number(row.deleted), bytes: Number(row.bytes) }));
  });
  return all.sort((a, b) => b.inserted + b.updated + b.deleted - (a.inserted + a.updated + a.deleted));
}

/** One line per table written more than once per 200 MPAN-days: row writes per MPAN-day and the table's size. */
export function describeTableWrites(writes: readonly TableWrites[], mpanDays: number): string[] {
  const perMpanDay = (n: number) => (n / Math.max(mpanDays, 1)).toFixed(2);
  return writes.filter((w) => (w.inserted + w.updated + w.deleted) / Math.max(mpanDays, 1) >= 0.005).map((w) =>
    `${`${w.database}.${w.table}`.padEnd(40)} ${perMpanDay(w.inserted + w.updated + w.deleted).padStart(7)} writes/MPAN-day ` +
    `(insert ${perMpanDay(w.inserted)}, update ${perMpanDay(w.updated)}, delete ${perMpanDay(w.deleted)}), ${(w.bytes / 1_048_576).toFixed(1)} MB`);
}
