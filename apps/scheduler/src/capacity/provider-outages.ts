import { evidenceOf, nextOutageState, OutageSettings } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';

type Runner = DataSource | EntityManager;

export interface OutageRow {
  provider: string;
  failures: number;
  out: boolean;
  plannedOut: boolean;
  since: Date | null;
}

const COLUMNS = 'provider, failures, out, planned_out AS "plannedOut", since';

/**
 * Each provider's outage state, kept from the read results every replica consumes (the rule is
 * the domain's: nextOutageState). A batch that says nothing new — a healthy provider answering —
 * writes nothing; otherwise the providers' rows are locked, moved on and written back, so two
 * replicas' batches never lose each other's failures.
 */
export class ProviderOutages {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: OutageSettings,
  ) {}

  async record(results: readonly { provider: string; outcome: string; failureCode?: string }[], now: Date): Promise<void> {
    const evidence = evidenceOf(results);
    const known = new Map((await this.all()).map((row) => [row.provider, row]));
    const changing = [...evidence].filter(([provider, seen]) => {
      const row = known.get(provider);
      return seen.providerFailures > 0 || (row !== undefined && (row.failures > 0 || row.out));
    });
    if (changing.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const providers = changing.map(([provider]) => provider).sort();
      await manager.query(
        `INSERT INTO provider_outages (provider, updated_at) SELECT unnest($1::text[]), $2 ON CONFLICT (provider) DO NOTHING`,
        [providers, now],
      );
      const rows: OutageRow[] = await manager.query(`SELECT ${COLUMNS} FROM provider_outages WHERE provider = ANY($1) ORDER BY provider FOR UPDATE`, [providers]);
      for (const row of rows) {
        const next = nextOutageState(row, evidence.get(row.provider)!, this.settings);
        const since = next.out ? (row.since ?? now) : null;
        await manager.query('UPDATE provider_outages SET failures = $2, out = $3, since = $4, updated_at = $5 WHERE provider = $1', [row.provider, next.failures, next.out, since, now]);
      }
    });
  }

  async all(runner: Runner = this.dataSource): Promise<OutageRow[]> {
    return runner.query(`SELECT ${COLUMNS} FROM provider_outages`);
  }

  /** Providers out now. */
  async out(runner: Runner = this.dataSource): Promise<Map<string, Date>> {
    const rows: OutageRow[] = await runner.query(`SELECT ${COLUMNS} FROM provider_outages WHERE out`);
    return new Map(rows.map((row) => [row.provider, row.since!]));
  }

  /** Providers whose plan was last made for another state than theirs now, locked for the re-plan. */
  async awaitingReplan(manager: EntityManager): Promise<OutageRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM provider_outages WHERE out <> planned_out ORDER BY provider FOR UPDATE SKIP LOCKED`);
  }

  async replanned(manager: EntityManager, provider: string, out: boolean): Promise<void> {
    await manager.query('UPDATE provider_outages SET planned_out = $2 WHERE provider = $1', [provider, out]);
  }
}
