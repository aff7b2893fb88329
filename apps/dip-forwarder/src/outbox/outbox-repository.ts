import { ServiceResponse } from '@halfhour/contracts';
import { DipMessage } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';

export interface OutboxRow {
  reference: string;
  itemKey: string;
  mpan: string;
  message: DipMessage;
  attempts: number;
}

/** The DIP outbox's SQL, set-based. */
export class OutboxRepository {
  constructor(readonly dataSource: DataSource) {}

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
   * Records that these requesters are told about these queued MPAN-days; returns only the pairs
   * not told before, so each requester hears once per data however often it arrives.
   */
  /** Stores answers to send (once per reference and requester; one already there is kept as it is). */
  async recordAnswers(manager: EntityManager, answers: readonly StoredAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    await manager.query(
      `INSERT INTO dip_answers (reference, request_id, response)
       SELECT a.reference, a.request_id, a.response FROM jsonb_to_recordset($1::jsonb) AS a(reference text, request_id text, response jsonb)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(answers.map((a) => ({ reference: a.reference, request_id: a.requestId, response: a.response })))],
    );
  }

  /** Of these answers, the ones not sent yet, with what to send. */
  async unsentAnswers(keys: readonly { reference: string; requestId: string }[]): Promise<StoredAnswer[]> {
    if (keys.length === 0) return [];
    return this.dataSource.query(
      `SELECT d.reference, d.request_id AS "requestId", d.response FROM dip_answers d
       JOIN jsonb_to_recordset($1::jsonb) AS k(reference text, request_id text) ON d.reference = k.reference AND d.request_id = k.request_id
       WHERE d.sent_at IS NULL`,
      [JSON.stringify(keys.map((k) => ({ reference: k.reference, request_id: k.requestId })))],
    );
  }

  async markAnswersSent(answers: readonly { reference: string; requestId: string }[], at: Date): Promise<void> {
    if (answers.length === 0) return;
    await this.dataSource.query(
      `UPDATE dip_answers d SET sent_at = $2 FROM jsonb_to_recordset($1::jsonb) AS k(reference text, request_id text)
       WHERE d.reference = k.reference AND d.request_id = k.request_id`,
      [JSON.stringify(answers.map((a) => ({ reference: a.reference, request_id: a.requestId }))), at],
    );
  }

  /**
   * Leases pending rows for a round of calls, committed at once: other relays skip them until the
   * lease ends, and no transaction is held open across a call to the DIP.
   */
  async leasePending(limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE dip_outbox SET leased_until = now() + make_interval(secs => $2::float / 1000)
       WHERE reference IN (
         SELECT reference FROM dip_outbox WHERE state = 'PENDING' AND (leased_until IS NULL OR leased_until < now())
         ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING reference, item_key AS "itemKey", mpan, message, attempts, created_at AS "createdAt"`,
      [limit, leaseMs],
    );
    return (rows as (OutboxRow & { createdAt: Date })[]).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  /** Gives leased rows back without a try (the round stopped: the DIP began failing). */
  async releaseLeases(references: readonly string[]): Promise<void> {
    if (references.length === 0) return;
    await this.dataSource.query(`UPDATE dip_outbox SET leased_until = NULL WHERE reference = ANY($1::text[]) AND state = 'PENDING'`, [references]);
  }

  async finish(references: readonly string[], state: 'DELIVERED' | 'REFUSED', detail: string): Promise<void> {
    if (references.length === 0) return;
    await this.dataSource.query(
      `UPDATE dip_outbox SET state = $2, attempts = attempts + 1, finished_at = now(), leased_until = NULL,
         transaction_id = CASE WHEN $2 = 'DELIVERED' THEN $3 ELSE transaction_id END,
         last_error = CASE WHEN $2 = 'REFUSED' THEN $3 ELSE last_error END
       WHERE reference = ANY($1::text[]) AND state = 'PENDING'`,
      [references, state, detail],
    );
  }

  async recordFailure(references: readonly string[], error: string): Promise<void> {
    if (references.length === 0) return;
    await this.dataSource.query(
      `UPDATE dip_outbox SET attempts = attempts + 1, last_error = $2, leased_until = NULL WHERE reference = ANY($1::text[]) AND state = 'PENDING'`,
      [references, error],
    );
  }

  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS "oldestSeconds" FROM dip_outbox WHERE state = 'PENDING'`,
    );
    return row;
  }
}

export interface StoredAnswer {
  reference: string;
  requestId: string;
  response: ServiceResponse;
}
