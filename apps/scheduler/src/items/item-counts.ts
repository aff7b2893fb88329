import { ITEM_TRANSITIONS } from '@halfhour/domain';
import { DataSource } from 'typeorm';
import { HourCount } from '../reports/provider-hours';

/** What the gauges and the reports count of the items: GROUP BYs over a day's partitions, never rows. */
export class ItemCounts {
  constructor(private readonly dataSource: DataSource) {}

  /** Items whose slot started before `instant` and are still not dispatched: a backlog. */
  async countUndispatchedBefore(instant: Date): Promise<number> {
    const [{ backlog }] = await this.dataSource.query(
      `SELECT count(*)::int AS backlog FROM collection_items WHERE state = ANY($1::text[]) AND slot_start < $2`,
      [ITEM_TRANSITIONS.dispatch.from, instant],
    );
    return backlog;
  }

  async countsByStateAndProvider(planDays: readonly string[]): Promise<{ state: string; provider: string; kind: string; items: number }[]> {
    return this.dataSource.query(
      `SELECT state, provider, kind, count(*)::int AS items FROM collection_items WHERE plan_day = ANY($1::date[]) GROUP BY state, provider, kind`,
      [planDays],
    );
  }

  /** Reads sent in each hour of a plan day (each item's latest attempt), by provider and kind. */
  async dispatchedByProviderAndHour(planDay: string): Promise<HourCount[]> {
    return this.dataSource.query(
      `SELECT provider, date_trunc('hour', dispatched_at) AS hour, kind, count(*)::int AS reads FROM collection_items
       WHERE plan_day = $1 AND dispatched_at IS NOT NULL GROUP BY provider, hour, kind ORDER BY provider, hour`,
      [planDay],
    );
  }

  async plannedByProviderAndHour(planDay: string): Promise<HourCount[]> {
    return this.dataSource.query(
      `SELECT provider, date_trunc('hour', slot_start) AS hour, kind, count(*)::int AS reads FROM collection_items
       WHERE plan_day = $1 AND slot_start IS NOT NULL GROUP BY provider, hour, kind ORDER BY provider, hour`,
      [planDay],
    );
  }
}
