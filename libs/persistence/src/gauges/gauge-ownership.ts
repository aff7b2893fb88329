import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The advisory-lock class of gauge ownership (the object is the hash of the gauges' name). */
const GAUGE_LOCK_CLASS = 7_001_163;

/**
 * Which replica reports the gauges counted from the database (items by state, backlogs, registry
 * sizes): every replica would count the same rows, and Prometheus would add them up (three replicas,
 * three times the backlog) and fire a backlog alert once per pod. One replica owns them — the one
 * holding a PostgreSQL session advisory lock, on a connection of its own outside the pool — and
 * the others report nothing. The lock goes with its session, so when the owner stops or loses its
 * connection another replica takes over at its next measurement.
 */
export class GaugeOwnership {
  private session?: Client;
  private lastTry = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly connectionString: string,
    /** What is owned, e.g. "scheduler item gauges": one owner per name. */
    private readonly name: string,
    /** How often a replica that does not own the gauges tries again (a relay asks every round). */
    private readonly retryMs = 5_000,
  ) {}

  static of(dataSource: DataSource, name: string): GaugeOwnership {
    return new GaugeOwnership((dataSource.options as { url: string }).url, name);
  }

  /** Whether this replica owns the gauges now: keeps the lock while its session lives, tries to take it when it holds none. */
  async owns(): Promise<boolean> {
    if (this.session && (await this.sessionAlive())) return true;
    if (Date.now() - this.lastTry < this.retryMs) return false;
    this.lastTry = Date.now();
    const session = new Client({ connectionString: this.connectionString, application_name: `gauge owner: ${this.name}` });
    session.on('error', () => undefined); // a dropped session is found by the next check
    try {
      await session.connect();
      const { rows: [{ taken }] } = await session.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken', [GAUGE_LOCK_CLASS, this.name]);
      if (taken) {
        this.session = session;
        return true;
      }
    } catch {
      // The database is away: nobody can say, so this replica does not report.
    }
    await session.end().catch(() => undefined);
    return false;
  }

  /** Gives the gauges up when the session is lost; a process that stops ends its session, and with it the lock. */
  private async release(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.end().catch(() => undefined);
  }

  private async sessionAlive(): Promise<boolean> {
    try {
      await this.session!.query('SELECT 1');
      return true;
    } catch {
      await this.release();
      return false;
    }
  }
}
