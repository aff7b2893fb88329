import { ReadCommand, ReadResult } from '@halfhour/contracts';
import { Clock } from '@halfhour/domain';
import { DataCache, ProviderReading } from '@halfhour/device-adapter';
import { DayPartitions, RetentionSweeper } from '@halfhour/persistence';
import { DataSource } from 'typeorm';
import { CachedDay, cachedDaysOf } from './cached-days';

/**
 * The SMETS1 cache (R-DEV-2) in the adapter's database: one row per device, SRV and data day, a
 * partition per data day; durable across restarts, bounded by age (a sweep drops the days older
 * than the retention whole), read and written set-wise per batch, a data day at a time.
 */
export class PostgresDataCache implements DataCache {
  private readonly partitions: DayPartitions;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {
    this.partitions = new DayPartitions(dataSource, 'smets1_cache_days');
  }

  async lookup(commands: readonly ReadCommand[]): Promise<Map<string, ProviderReading>> {
    const readings = new Map<string, ProviderReading>();
    // A day at a time: the day picks its partition when the statement is planned.
    for (const day of new Set(commands.map((c) => c.dataDay))) {
      const ofDay = commands.filter((c) => c.dataDay === day);
      const rows: { i: string; periods: CachedDay['periods']; registers: CachedDay['registers'] }[] = await this.dataSource.query(
        `SELECT q.i, c.periods, c.registers
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(device_id, srv, i)
         JOIN smets1_cache_days c ON c.data_day = $3::date AND c.device_id = q.device_id AND c.srv = q.srv`,
        [ofDay.map((c) => c.deviceId), ofDay.map((c) => c.srv), day],
      );
      this.read(rows, ofDay, readings);
    }
    return readings;
  }

  private read(rows: readonly { i: string; periods: CachedDay['periods']; registers: CachedDay['registers'] }[], commands: readonly ReadCommand[], readings: Map<string, ProviderReading>): void {
    for (const row of rows) {
      const command = commands[Number(row.i) - 1];
      const start = Date.parse(command.readPeriod.start);
      const end = Date.parse(command.readPeriod.end);
      // Profile half hours start inside the period; a daily log's registers are read at its end.
      readings.set(command.commandId, {
        periods: row.periods.filter((p) => { const at = Date.parse(p.start); return at >= start && at < end; }),
        registers: row.registers.filter((g) => { const at = Date.parse(g.readAt); return at > start && at <= end; }),
      });
    }
  }

  async store(results: readonly ReadResult[]): Promise<void> {
    const days = cachedDaysOf(results);
    if (days.length === 0) return;
    await this.partitions.ensure(days.map((day) => day.data_day));
    // A day already held keeps the half hours and registers this read did not bring; this read's win.
    await this.dataSource.query(
      `INSERT INTO smets1_cache_days AS c (device_id, srv, data_day, periods, registers)
       SELECT d.device_id, d.srv, d.data_day, d.periods, d.registers
       FROM jsonb_to_recordset($1::jsonb) AS d(device_id text, srv text, data_day date, periods jsonb, registers jsonb)
       ON CONFLICT (device_id, srv, data_day) DO UPDATE SET
         periods = (SELECT coalesce(jsonb_agg(p ORDER BY p->>'start'), '[]'::jsonb) FROM (
           SELECT DISTINCT ON (p->>'start') p FROM (
             SELECT p, 0 AS newer FROM jsonb_array_elements(EXCLUDED.periods) p
             UNION ALL SELECT p, 1 FROM jsonb_array_elements(c.periods) p) merged
           ORDER BY p->>'start', newer) kept),
         registers = (SELECT coalesce(jsonb_agg(g), '[]'::jsonb) FROM (
           SELECT DISTINCT ON (g->>'register', g->>'readAt') g FROM (
             SELECT g, 0 AS newer FROM jsonb_array_elements(EXCLUDED.registers) g
             UNION ALL SELECT g, 1 FROM jsonb_array_elements(c.registers) g) merged
           ORDER BY g->>'register', g->>'readAt', newer) kept),
         stored_at = now()`,
      [JSON.stringify(days)],
    );
  }

  /** Drops the data days older than the retention; returns their partitions. */
  async sweep(): Promise<string[]> {
    const rule = { table: 'smets1_cache_days', keepDays: this.retentionDays, inFlight: 'false' };
    const outcome = await new RetentionSweeper(this.dataSource, [], [rule], this.clock).sweep();
    return outcome.droppedPartitions.smets1_cache_days ?? [];
  }
}
