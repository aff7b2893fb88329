import { ReadCommand, ReadResult } from '@halfhour/contracts';
import { Clock } from '@halfhour/domain';
import { DataCache, ProviderReading } from '@halfhour/device-adapter';
import { JsonLogger, RepeatingTask } from '@halfhour/observability';
import { DataSource } from 'typeorm';

/**
 * The SMETS1 cache (R-DEV-2) in the adapter's database: durable across restarts, bounded by age
 * (a sweep deletes what is older than the retention), read and written set-wise per batch.
 */
export class PostgresDataCache implements DataCache {
  private readonly sweeper: RepeatingTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly retentionDays: number,
    sweepIntervalMs: number,
    logger: JsonLogger,
  ) {
    this.sweeper = new RepeatingTask('SMETS1 cache sweep', () => this.sweep(), sweepIntervalMs, logger, { waitedFor: false });
  }

  start(): void {
    this.sweeper.start();
  }

  stop(): Promise<void> {
    return this.sweeper.stop();
  }

  async lookup(commands: readonly ReadCommand[]): Promise<Map<string, ProviderReading>> {
    if (commands.length === 0) return new Map();
    const rows: { i: number; at: Date; register: string; kwh: number }[] = await this.dataSource.query(
      `SELECT q.i, c.at, c.register, c.kwh
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS q(device_id, srv, start_at, end_at, i)
       JOIN smets1_cache c ON c.device_id = q.device_id AND c.srv = q.srv AND c.at >= q.start_at AND c.at <= q.end_at`,
      [commands.map((c) => c.deviceId), commands.map((c) => c.srv), commands.map((c) => c.readPeriod.start), commands.map((c) => c.readPeriod.end)],
    );
    const readings = new Map<string, ProviderReading>();
    for (const row of rows) {
      const command = commands[Number(row.i) - 1];
      const reading = readings.get(command.commandId) ?? { periods: [], registers: [] };
      const at = new Date(row.at);
      // Profile half hours start inside the period; a daily log's registers are read at its end.
      if (row.register === '') {
        if (at.getTime() < Date.parse(command.readPeriod.end)) reading.periods.push({ start: at.toISOString(), kwh: row.kwh });
      } else if (at.getTime() > Date.parse(command.readPeriod.start)) {
        reading.registers.push({ register: row.register, kwh: row.kwh, readAt: at.toISOString() });
      }
      readings.set(command.commandId, reading);
    }
    return readings;
  }

  async store(results: readonly ReadResult[]): Promise<void> {
    const rows = results.flatMap((r) => [
      ...r.periods.filter((p) => p.quality === 'ACTUAL').map((p) => ({ device_id: r.deviceId, srv: r.srv, at: p.start, register: '', kwh: p.kwh })),
      // Instantaneous registers (4.1.1, 4.2) are of the moment: only daily logs' readings are worth keeping.
      ...(r.srv.startsWith('4.6') ? r.registers.map((g) => ({ device_id: r.deviceId, srv: r.srv, at: g.readAt, register: g.register, kwh: g.kwh })) : []),
    ]);
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO smets1_cache (device_id, srv, at, register, kwh)
       SELECT r.device_id, r.srv, r.at, r.register, r.kwh FROM jsonb_to_recordset($1::jsonb) AS r(device_id text, srv text, at timestamptz, register text, kwh double precision)
       ON CONFLICT (device_id, srv, at, register) DO UPDATE SET kwh = EXCLUDED.kwh, stored_at = now()`,
      [JSON.stringify(rows)],
    );
  }

  async sweep(): Promise<void> {
    await this.dataSource.query('DELETE FROM smets1_cache WHERE at < $1', [new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000)]);
  }
}
