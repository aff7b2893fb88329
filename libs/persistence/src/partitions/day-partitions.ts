import { CalendarDate } from '@halfhour/domain';
import { DataSource } from 'typeorm';

/** One advisory-lock namespace for every partition made: the name tells them apart. */
const PARTITION_LOCK = 164;

/** The partition of `table` that holds `day` (what the retention sweeper reads the day back from). */
export function dayPartitionName(table: string, day: CalendarDate): string {
  return `${table}_p${day.replaceAll('-', '')}`;
}

/**
 * The day partitions of a table partitioned by a date column (`PARTITION BY RANGE`), made as they
 * are first needed, each in its own short transaction under an advisory lock (replicas may ask at
 * once) and before the writes that need it: making a partition locks its parent. Once made here,
 * a partition is not asked for again; only retention drops one, and only days long past.
 */
export class DayPartitions {
  private readonly made = new Set<CalendarDate>();

  constructor(private readonly dataSource: DataSource, private readonly table: string) {}

  async ensure(days: Iterable<CalendarDate>): Promise<void> {
    for (const day of new Set(days)) {
      if (this.made.has(day)) continue;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`${day} is not a calendar date`);
      const name = dayPartitionName(this.table, day);
      await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PARTITION_LOCK, name]);
        await manager.query(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${this.table}" FOR VALUES FROM ('${day}') TO ('${day}'::date + 1)`);
      });
      this.made.add(day);
    }
  }
}
