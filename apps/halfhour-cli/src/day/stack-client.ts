import { Client } from 'pg';
import { ServiceEntry } from '../stack/service-catalogue';
import { ItemOutcome } from './day-report';
import { RunNamespace } from './run-namespace';
import { ReplicaUrls, ServiceUrls } from './stack-view';

export interface SchedulerDayReport {
  outcomes: ItemOutcome[];
  schedulesStopped: Record<string, number>;
}

/**
 * How the run talks to its stack: the services' HTTP APIs with the run's operator token, the
 * SIMULATED providers' behaviour, and — for what no API says — a service's own database over SQL.
 */
export class StackClient {
  constructor(
    readonly urls: ServiceUrls,
    /** Every replica of each service, for metrics summed over them. */
    readonly replicaUrls: ReplicaUrls,
    private readonly entries: readonly ServiceEntry[],
    private readonly namespace: RunNamespace,
    private readonly operatorApiToken: string,
  ) {}

  async getJson<T>(url: string): Promise<T> {
    const response = await fetch(url, { headers: { authorization: `Bearer ${this.operatorApiToken}` } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return (await response.json()) as T;
  }

  /**
   * The scheduler's report API on a collection day: its items by provider, kind and state, with how
   * many finished within their TRT, and the schedules stopped that day by reason.
   */
  async schedulerReport(collectionDay: string): Promise<SchedulerDayReport> {
    const response = await fetch(`${this.urls.scheduler}/reports/days/${collectionDay}`, { headers: { authorization: `Bearer ${this.operatorApiToken}` } });
    if (response.status === 404) return { outcomes: [], schedulesStopped: {} };
    if (!response.ok) throw new Error(`the scheduler's report of ${collectionDay} answered ${response.status}`);
    return (await response.json()) as SchedulerDayReport;
  }

  async putProviderBehaviour(providers: readonly string[], behaviour: object): Promise<void> {
    for (const name of providers) {
      const response = await fetch(`${this.urls.providerSimulator}/providers/${name}/behaviour`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(behaviour),
      });
      if (!response.ok) throw new Error(`provider simulator refused behaviour for ${name}: ${response.status}`);
    }
  }

  /** Count and version sum of a registry table: equal when a view holds every published timeline. */
  async viewFingerprint(service: string, table: string): Promise<string> {
    const [row] = await this.query<{ n: string; v: string }>(service, `SELECT count(*) AS n, coalesce(sum(version), 0) AS v FROM ${table}`, []);
    return `${row.n}/${row.v}`;
  }

  async query<T>(service: string, sql: string, parameters: unknown[]): Promise<T[]> {
    const client = new Client({ connectionString: this.namespace.databaseUrlOf(this.entries.find((e) => e.name === service)!) });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  }
}
