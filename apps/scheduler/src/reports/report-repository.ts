import { addDays, ITEM_OUTCOMES, settlementDayStart } from '@halfhour/domain';
import { DataSource } from 'typeorm';
import { OUTAGE_CHANGED_BY } from '../capacity/capacity-changes';
import { OutcomeRow, RequesterOutcomeRow } from './day-figures';
import { OperatorCapacityChange } from './capacity-history';
import { OutageChange } from './outage-periods';

/** What the day report reads from the items of a plan day, set-wise. */
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  outcomes(planDay: string): Promise<OutcomeRow[]> {
    return this.dataSource.query(
      `SELECT provider, kind, state, count(*)::int AS items,
              count(*) FILTER (WHERE state = $2 AND completed_at <= deadline)::int AS "withinTrt",
              sum(attempt)::int AS dispatches, sum(GREATEST(attempt - 1, 0))::int AS resent
       FROM collection_items WHERE plan_day = $1 GROUP BY provider, kind, state ORDER BY provider, kind, state`,
      [planDay, ITEM_OUTCOMES.delivered],
    );
  }

  /** The scheduler's own outage declarations and returns made before `until` (a cut lowers the reads a slot, a return raises them). */
  outageChanges(until: Date): Promise<OutageChange[]> {
    return this.dataSource.query(
      `SELECT provider, changed_at AS "changedAt", (current->>'readsPerSlot')::numeric < (previous->>'readsPerSlot')::numeric AS out
       FROM capacity_changes WHERE changed_by = $1 AND changed_at < $2 ORDER BY changed_at, id`,
      [OUTAGE_CHANGED_BY, until],
    );
  }

  /** The operator's changes of providers' figures made before `until`, oldest first. */
  operatorCapacityChanges(until: Date): Promise<OperatorCapacityChange[]> {
    return this.dataSource.query(
      `SELECT provider, changed_at AS "changedAt", changed_by AS "changedBy", reason, previous, current
       FROM capacity_changes WHERE changed_by <> $1 AND changed_at < $2 ORDER BY changed_at, id`,
      [OUTAGE_CHANGED_BY, until],
    );
  }

  /** Schedules stopped during a collection day (its local day), by the reason they stopped. */
  async schedulesStopped(day: string): Promise<Record<string, number>> {
    const rows: { reason: string; schedules: number }[] = await this.dataSource.query(
      `SELECT coalesce(stopped_reason, 'unknown') AS reason, count(*)::int AS schedules FROM schedules
       WHERE stopped_at >= $1 AND stopped_at < $2 GROUP BY 1 ORDER BY 1`,
      [settlementDayStart(day), settlementDayStart(addDays(day, 1))],
    );
    return Object.fromEntries(rows.map((row) => [row.reason, row.schedules]));
  }

  /** Items by requester: a requester dropped from an item (no longer entitled) no longer counts it. */
  requesterOutcomes(planDay: string): Promise<RequesterOutcomeRow[]> {
    return this.dataSource.query(
      `WITH day AS (SELECT kind, state, schedule_refs, requesters FROM collection_items WHERE plan_day = $1),
       requester AS (
         SELECT r->>'userId' AS "userId", r->>'role' AS role, r->>'mpid' AS mpid, d.kind, d.state FROM day d, jsonb_array_elements(d.requesters) AS r
         UNION ALL
         SELECT s.user_id, s.role, s.mpid, d.kind, d.state FROM (SELECT kind, state, unnest(schedule_refs) AS ref FROM day) d JOIN schedules s ON s.ref = d.ref)
       SELECT "userId", role, mpid, kind, state, count(*)::int AS items FROM requester GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 4, 5`,
      [planDay],
    );
  }
}
