import { DataSource } from 'typeorm';

/**
 * Makes the space of rows just deleted in bulk reusable at once, and refreshes the planner's
 * statistics: a plain VACUUM, which blocks neither reads nor writes. Autovacuum would do it in its
 * own time — or never, on a server that runs with it off — and a table that retention deletes
 * from every hour would otherwise grow by every hour's dead rows while its live rows stay level.
 */
export async function reclaimSpace(dataSource: DataSource, table: string): Promise<void> {
  await dataSource.query(`VACUUM (ANALYZE) "${table}"`);
}
