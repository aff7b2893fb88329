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
  async claimAnswers(manager: EntityManager, answers: readonly { reference: string; requestId: string }[]): Promise<Set<string>> {
    if (answers.length === 0) return new Set();
    const rows: { reference: string; request_id: string }[] = await manager.query(
      `INSERT INTO dip_answers (reference, request_id)
       SELECT a.reference, a.request_id FROM jsonb_to_recordset($1::jsonb) AS a(reference text, request_id text)
       ON CONFLICT DO NOTHING RETURNING reference, request_id`,
      [JSON.stringify(answers.map((a) => ({ reference: a.reference, request_id: a.requestId })))],
    );
    return new Set(rows.map((r) => answerKey(r.reference, r.request_id)));
  }

  /** Takes pending rows for this transaction; other relays skip them. */
  async lockPending(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    return manager.query(
      `SELECT reference, item_key AS "itemKey", mpan, message, attempts FROM dip_outbox WHERE state = 'PENDING'
       ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async finish(manager: EntityManager, references: readonly string[], state: 'DELIVERED' | 'REFUSED', detail: string): Promise<void> {
    if (references.length === 0) return;
    await manager.query(
      `UPDATE dip_outbox SET state = $2, attempts = attempts + 1, finished_at = now(),
         transaction_id = CASE WHEN $2 = 'DELIVERED' THEN $3 ELSE transaction_id END,
         last_error = CASE WHEN $2 = 'REFUSED' THEN $3 ELSE last_error END
       WHERE reference = ANY($1::text[]) AND state = 'PENDING'`,
      [references, state, detail],
    );
  }

  async recordFailure(manager: EntityManager, references: readonly string[], error: string): Promise<void> {
    if (references.length === 0) return;
    await manager.query(`UPDATE dip_outbox SET attempts = attempts + 1, last_error = $2 WHERE reference = ANY($1::text[]) AND state = 'PENDING'`, [references, error]);
  }

  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS "oldestSeconds" FROM dip_outbox WHERE state = 'PENDING'`,
    );
    return row;
  }
}

export function answerKey(reference: string, requestId: string): string {
  return `${reference} ${requestId}`;
}
