import { HealthProbe, ProbeResult } from '@halfhour/observability';
import { DataSource } from 'typeorm';

export class PostgresReadinessProbe implements HealthProbe {
  readonly name = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<ProbeResult> {
    if (!this.dataSource.isInitialized) return { healthy: false, detail: { reason: 'not connected' } };
    await this.dataSource.query('SELECT 1');
    return { healthy: true };
  }
}
