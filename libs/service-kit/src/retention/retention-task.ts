import { JsonLogger, PeriodicTasks } from '@halfhour/observability';
import { RetentionSweeper } from '@halfhour/persistence';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * Runs a service's retention sweep on an interval, with its metrics: rows deleted and partitions
 * dropped per table, and old partitions kept because work in them is still in flight. A
 * simulation waits for it like any task that changes state, so a simulated week's tables shrink
 * when its clock says they should.
 */
export function scheduleRetention(tasks: PeriodicTasks, registry: Registry, logger: JsonLogger, sweeper: RetentionSweeper, intervalMs: number): void {
  const deleted = new Counter({ name: 'halfhour_retention_deleted_rows_total', help: 'Rows past their retention deleted, by table.', labelNames: ['table'], registers: [registry] });
  const dropped = new Counter({
    name: 'halfhour_retention_partitions_dropped_total', help: 'Day partitions past their retention detached and dropped, by table.', labelNames: ['table'], registers: [registry],
  });
  const kept = new Gauge({
    name: 'halfhour_retention_partitions_kept_in_flight', help: 'Day partitions past their retention kept because work in them is still in flight, by table.', labelNames: ['table'], registers: [registry],
  });
  tasks.every(intervalMs, 'retention', async () => {
    const outcome = await sweeper.sweep();
    let changed = 0;
    for (const [table, count] of Object.entries(outcome.deleted)) {
      deleted.inc({ table }, count);
      changed += count;
    }
    for (const [table, names] of Object.entries(outcome.droppedPartitions)) {
      dropped.inc({ table }, names.length);
      changed += names.length;
    }
    for (const [table, names] of Object.entries(outcome.keptInFlight)) {
      kept.set({ table }, names.length);
      if (names.length > 0) logger.warn({ table, partitions: names }, 'partitions past their retention kept: work in them is still in flight');
    }
    if (changed > 0) logger.info({ deleted: outcome.deleted, droppedPartitions: outcome.droppedPartitions }, 'retention sweep');
    return changed > 0 ? 'worked' : 'idle';
  });
}
