import { ReadCommand, ReadResult } from '@halfhour/contracts';
import { Clock, settlementDayOf } from '@halfhour/domain';
import { DataCache, ProviderReading } from '@halfhour/device-adapter';
import { reclaimSpace } from '@halfhour/persistence';
import { DataSource } from 'typeorm';
import { CachedDay, cachedDaysOf } from './cached-days';

/**
 * The SMETS1 cache (R-DEV-2) in the adapter's database: one row per device, SRV and data day;
 * durable across restarts, bounded by age (a sweep deletes days older than the retention), read and
 * written set-wise per batch.
 */
export class PostgresDataCache implements DataCache {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly retentionDays: number,
  ) {}

  async lookup(commands: readonly ReadCommand[]): Promise<Map<string, ProviderReading>> {
    if (commands.length === 0) return new Map();
    const rows: { i: string; periods: CachedDay['periods']; registers: CachedDay['registers'] }[] = await this.dataSource.query(
      `SELECT q.i, c.periods, c.registers
       FROM unnest($1::text[], $2::text[], $3::date[]) WITH ORDINALITY AS q(device_id, srv, data_day, i)
       JOIN smets1_cache_days c USING (device_id, srv, data_day)`,
      [commands.map((c) => c.deviceId), commands.map((c) => c.srv), commands.map((c) => c.dataDay)],
    );
    const readings = new Map<string, ProviderReading>();
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
    return readings;
  }

  async store(results: readonly ReadResult[]): Promise<void> {
    const days = cachedDaysOf(results);
    if (days.length === 0) return;
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

  async sweep(): Promise<void> {
    const [, deleted]: [unknown, number] = await this.dataSource.query('DELETE FROM smets1_cache_days WHERE data_day < $1', [
      settlementDayOf(new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000)),
    ]);
    if (deleted > 0) await reclaimSpace(this.dataSource, 'smets1_cache_days');
  }
}
