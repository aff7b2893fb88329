import { HH_PERMITTED_STATUSES } from '@halfhour/domain';
import { DataSource } from 'typeorm';
import { RegistrationMetrics } from './registration-metrics';

/** JSONPath selecting the period in force on day $d from one of the timeline's lists. */
const inForce = (list: string) => `$.${list}[*] ? (@.from <= $d && (!exists(@.to) || @.to > $d))`;

/**
 * Recounts the registry for today: MPANs, appointed MPANs, MPANs with HH consent, devices by
 * generation and provider. A full scan, so it runs on a timer (REGISTRY_METRICS_INTERVAL_MS),
 * not on scrape.
 */
export class RegistrySizeGauges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: RegistrationMetrics,
  ) {}

  /** What a replica that does not own the gauges reports: nothing. */
  clear(): void {
    for (const gauge of [this.metrics.mpans, this.metrics.appointedMpans, this.metrics.hhPermittedMpans, this.metrics.devices]) gauge.reset();
  }

  async refresh(today = new Date().toISOString().slice(0, 10)): Promise<void> {
    const rows: { generation: number | null; provider: string | null; mpans: number; appointed: number; hh: number }[] =
      await this.dataSource.query(
        `WITH today AS (
           SELECT jsonb_path_exists(timeline, '${inForce('mdrAppointments')}', v) AS appointed,
                  jsonb_path_query_first(timeline, '${inForce('consent')}', v) ->> 'status' AS consent,
                  jsonb_path_query_first(timeline, '${inForce('devices')}', v) AS device
           FROM mpan_timelines, jsonb_build_object('d', $1::text) AS v
         )
         SELECT (device ->> 'generation')::int AS generation,
                COALESCE(device #>> '{provider,region}', device #>> '{provider,s1spId}') AS provider,
                count(*)::int AS mpans,
                count(*) FILTER (WHERE appointed)::int AS appointed,
                count(*) FILTER (WHERE consent = ANY($2))::int AS hh
         FROM today GROUP BY 1, 2`,
        [today, HH_PERMITTED_STATUSES],
      );
    const sum = (key: 'mpans' | 'appointed' | 'hh') => rows.reduce((total, row) => total + row[key], 0);
    this.metrics.mpans.set(sum('mpans'));
    this.metrics.appointedMpans.set(sum('appointed'));
    this.metrics.hhPermittedMpans.set(sum('hh'));
    this.metrics.devices.reset();
    for (const row of rows) {
      if (row.generation !== null) this.metrics.devices.set({ generation: `SMETS${row.generation}`, provider: row.provider ?? 'unknown' }, row.mpans);
    }
  }
}
