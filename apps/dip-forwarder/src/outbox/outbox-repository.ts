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

  /** Stores answers to send (once per reference and requester; one already there is kept as it is). */
  async recordAnswers(manager: EntityManager, answers: readonly StoredAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    await manager.query(
      `INSERT INTO dip_answers (reference, request_id, response, message_id)
       SELECT a.reference, a.request_id, a.response, a.message_id FROM jsonb_to_recordset($1::jsonb) AS a(reference text, request_id text, response jsonb, message_id text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(answers.map((a) => ({ reference: a.reference, request_id: a.requestId, response: a.response, message_id: a.messageId })))],
    );
  }

  /** Of these answers, the ones not sent yet, with what to send: each once, however often a batch named it. */
  async unsentAnswers(keys: readonly { reference: string; requestId: string }[]): Promise<StoredAnswer[]> {
    if (keys.length === 0) return [];
    return this.dataSource.query(
      `SELECT d.reference, d.request_id AS "requestId", d.response, d.message_id AS "messageId" FROM dip_answers d
       JOIN (SELECT DISTINCT reference, request_id FROM jsonb_to_recordset($1::jsonb) AS k(reference text, request_id text)) k
         ON d.reference = k.reference AND d.request_id = k.request_id
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

export interface StoredAnswer {
  reference: string;
  requestId: string;
  response: ServiceResponse;
  messageId: string;
}
