import { capacityInOutage, CapacitySettings, capacityOf, ProviderCapacity } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { ProviderOutages } from './provider-outages';

type Runner = DataSource | EntityManager;

export interface CapacityChange {
  provider: string;
  changedAt: Date;
  changedBy: string;
  reason: string;
  previous: ProviderCapacity;
  current: ProviderCapacity;
  released: number;
}

/**
 * The capacity in force: the configured defaults (PROVIDER_CAPACITY and the shares), with what the
 * operator has set over them at run time (`provider_capacity`), and for a provider that is out,
 * the outage share of that (ProviderOutages). Placements read it inside the placement lock's
 * transaction, so a change and a placement never cross.
 */
export class CapacityBook {
  constructor(
    readonly defaults: CapacitySettings,
    private readonly dataSource: DataSource,
    private readonly outages: Pick<ProviderOutages, 'out'>,
    private readonly outageShare: number,
  ) {}

  /** What placements may use now: the operator's figures, cut for providers that are out. */
  async current(runner: Runner = this.dataSource): Promise<CapacitySettings> {
    const configured = await this.configured(runner);
    const out = await this.outages.out(runner);
    if (out.size === 0) return configured;
    const cut = [...out.keys()].map((provider) => [provider, this.cutForOutage(capacityOf(configured, provider))]);
    return { ...configured, providers: { ...configured.providers, ...Object.fromEntries(cut) } };
  }

  /** The operator's figures: the defaults and what was set over them. */
  async configured(runner: Runner = this.dataSource): Promise<CapacitySettings> {
    const rows: { provider: string; capacity: ProviderCapacity }[] = await runner.query('SELECT provider, capacity FROM provider_capacity');
    if (rows.length === 0) return this.defaults;
    return { ...this.defaults, providers: { ...this.defaults.providers, ...Object.fromEntries(rows.map((r) => [r.provider, r.capacity])) } };
  }

  /** What is planned for a provider with this capacity while it is out. */
  cutForOutage(capacity: ProviderCapacity): ProviderCapacity {
    return capacityInOutage(capacity, this.outageShare);
  }

  /** Sets the operator's figures for a provider (audited by the caller, with what the change moved). */
  async set(manager: EntityManager, provider: string, capacity: ProviderCapacity, who: { changedAt: Date; changedBy: string }): Promise<void> {
    await manager.query(
      `INSERT INTO provider_capacity (provider, capacity, changed_at, changed_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider) DO UPDATE SET capacity = EXCLUDED.capacity, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by`,
      [provider, JSON.stringify(capacity), who.changedAt, who.changedBy],
    );
  }

  /** Records a change of the capacity in force (the operator's, or an outage's) in the audit. */
  async audit(manager: EntityManager, change: CapacityChange): Promise<void> {
    await manager.query(
      'INSERT INTO capacity_changes (provider, changed_at, changed_by, reason, previous, current, released) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [change.provider, change.changedAt, change.changedBy, change.reason, JSON.stringify(change.previous), JSON.stringify(change.current), change.released],
    );
  }

  /** The audit of changes, newest first. */
  async changes(provider: string | undefined, limit: number): Promise<CapacityChange[]> {
    return this.dataSource.query(
      `SELECT provider, changed_at AS "changedAt", changed_by AS "changedBy", reason, previous, current, released FROM capacity_changes
       WHERE $1::text IS NULL OR provider = $1 ORDER BY id DESC LIMIT $2`,
      [provider ?? null, limit],
    );
  }
}
