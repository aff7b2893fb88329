import { Clock, DipMessage, systemClock } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Delivery, DeliveryQueue } from '../delivery/dip-relay';

export interface OutboxRow {
  reference: string;
  itemKey: string;
  mpan: string;
  message: DipMessage;
  attempts: number;
}

/** The DIP outbox's SQL, set-based. */
export class OutboxRepository implements DeliveryQueue {
  /** `clock`: the service's time, written as `finished_at` (what retention measures; simulated time in a simulation). */
  constructor(readonly dataSource: DataSource, private readonly clock: Clock = systemClock) {}

  /** Queues MPAN-days; one already queued (the same reference: the same data) stays as it is. */
  async enqueue(manager: EntityManager, rows: readonly Omit<OutboxRow, 'attempts'>[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO dip_outbox (reference, item_key, mpan, message, state)
       SELECT r.reference, r.item_key, r.mpan, r.message, 'PENDING' FROM jsonb_to_recordset($1::jsonb) AS r(reference text, item_key text, mpan text, message jsonb)
       ON CONFLICT (reference) DO NOTHING`,
      [JSON.stringify(rows.map((r) => ({ reference: r.reference, item_key: r.itemKey, mpan: r.mpan, message: r.message })))],
    );
  }

  /**
   * Leases the oldest pending rows nobody holds, and commits: other relays skip them until the lease
   * runs out (a relay that crashed), or until the outcome is recorded.
   */
  async leasePending(limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE dip_outbox AS o SET leased_until = now() + make_interval(secs => $2)
       FROM (SELECT reference FROM dip_outbox WHERE state = 'PENDING' AND (leased_until IS NULL OR leased_until < now())
             ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED) AS due
       WHERE o.reference = due.reference
       RETURNING o.reference, o.item_key AS "itemKey", o.mpan, o.message, o.attempts, o.created_at AS "createdAt"`,
      [limit, leaseSeconds],
    );
    return (rows as (OutboxRow & { createdAt: Date })[]).sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  }

  /** Rows leased but not sent (the DIP began failing mid-round): free for the next round at once. */
  async release(references: readonly string[]): Promise<void> {
    if (references.length === 0) return;
    await this.dataSource.query(`UPDATE dip_outbox SET leased_until = NULL WHERE reference = ANY($1::text[]) AND state = 'PENDING'`, [references]);
  }

  async record(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      for (const { rows, outcome } of deliveries) {
        const references = rows.map((r) => r.reference);
        if (outcome.kind === 'ACCEPTED') await this.finish(manager, references, 'DELIVERED', outcome.transactionId);
        else if (outcome.kind === 'REFUSED') await this.finish(manager, references, 'REFUSED', outcome.reason);
        else await this.recordFailure(manager, references, outcome.reason);
      }
    });
  }

  private async finish(manager: EntityManager, references: readonly string[], state: 'DELIVERED' | 'REFUSED', detail: string): Promise<void> {
    if (references.length === 0) return;
    await manager.query(
      `UPDATE dip_outbox SET state = $2, attempts = attempts + 1, finished_at = $4, leased_until = NULL,
         transaction_id = CASE WHEN $2 = 'DELIVERED' THEN $3 ELSE transaction_id END,
         last_error = CASE WHEN $2 = 'REFUSED' THEN $3 ELSE last_error END
       WHERE reference = ANY($1::text[]) AND state = 'PENDING'`,
      [references, state, detail, this.clock.now()],
    );
  }

  private async recordFailure(manager: EntityManager, references: readonly string[], error: string): Promise<void> {
    if (references.length === 0) return;
    await manager.query(`UPDATE dip_outbox SET attempts = attempts + 1, last_error = $2, leased_until = NULL WHERE reference = ANY($1::text[]) AND state = 'PENDING'`, [references, error]);
  }

  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS "oldestSeconds" FROM dip_outbox WHERE state = 'PENDING'`,
    );
    return row;
  }
}
