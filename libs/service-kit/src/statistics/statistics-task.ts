import { PeriodicTasks } from '@halfhour/observability';
import { analyzeStale } from '@halfhour/persistence';
import { DataSource } from 'typeorm';

/**
 * Keeps the planner statistics of tables that grow fast — a registry loaded from scratch, a day's
 * items in their partition — fresh between autovacuum's runs, or in its place where it is turned
 * off. Without them PostgreSQL takes a lookup of a batch's 800 MPANs on a non-unique column for
 * most of the table and scans all of it, so each batch costs in proportion to the table (issue 31:
 * the registry load fell from 8,600 to 1,359 messages/s on its way to 3 million events). One
 * catalogue query a run while all are fresh.
 */
export function keepStatisticsFresh(tasks: PeriodicTasks, dataSource: DataSource, tables: readonly string[], intervalMs: number): void {
  tasks.measureEvery(intervalMs, 'planner statistics', async () => {
    await analyzeStale(dataSource, tables);
  });
}
