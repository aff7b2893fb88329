import { CalendarDate, Clock, clockSecondsFor, DipMessage, DipSettings, StoredDipDay, storedDipMessage, systemClock } from '@halfhour/domain';
import { DayPartitions } from '@halfhour/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { Delivery, DeliveryQueue } from '../delivery/dip-relay';

/** An MPAN-day leased for delivery, its message built from what the outbox stored. */
export interface OutboxRow {
  reference: string;
  /** The partition it is in (its item's settlement date). */
  settlementDate: string;
  mpan: string;
  message: DipMessage;
  attempts: number;
}

/** An MPAN-day to queue: its data as the outbox stores it. */
export interface QueuedDay {
  reference: string;
  stored: StoredDipDay;
}

const STORED_COLUMNS = `o.mpan, o.srv, o.settlement_date::text AS "settlementDate", o.stamped_at AS "stampedAt", o.period_starts_ms AS "periodStartsMs", o.wh, o.kwh, o.quality, o.registers`;

/** The DIP outbox's SQL, set-based. */
export class OutboxRepository implements DeliveryQueue {
  /**
   * `settings`: what every message's common block says (the service's DIP settings);
   * `clock`: the service's time, written as `finished_at` (what retention measures; simulated time in a simulation).
   */
  constructor(readonly dataSource: DataSource, private readonly settings: DipSettings, private readonly clock: Clock = systemClock) {
    this.partitions = new DayPartitions(dataSource, 'dip_outbox');
  }

  private readonly partitions: DayPartitions;

  /** Makes the settlement days' partitions the next enqueue writes into: before its transaction, as making one locks the table. */
  preparePartitions(days: Iterable<CalendarDate>): Promise<void> {
    return this.partitions.ensure(days);
  }

  /** Queues MPAN-days; one already queued (the same reference: the same data) stays as it is. */
  async enqueue(manager: EntityManager, rows: readonly QueuedDay[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <T>(of: (row: QueuedDay) => T) => rows.map(of);
    await manager.query(
      `INSERT INTO dip_outbox (reference, mpan, srv, settlement_date, stamped_at, period_starts_ms, wh, kwh, quality, registers, state)
       SELECT r.reference, r.mpan, r.srv, r.settlement_date, r.stamped_at,
         CASE WHEN jsonb_typeof(r.starts) = 'array' THEN ARRAY(SELECT x::integer FROM jsonb_array_elements_text(r.starts) WITH ORDINALITY AS e(x, n) ORDER BY n) END,
         CASE WHEN jsonb_typeof(r.wh) = 'array' THEN ARRAY(SELECT x::integer FROM jsonb_array_elements_text(r.wh) WITH ORDINALITY AS e(x, n) ORDER BY n) END,
         CASE WHEN jsonb_typeof(r.kwh) = 'array' THEN ARRAY(SELECT x::double precision FROM jsonb_array_elements_text(r.kwh) WITH ORDINALITY AS e(x, n) ORDER BY n) END,
         r.quality, r.registers, 'PENDING'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::timestamptz[], $6::jsonb[], $7::jsonb[], $8::text[], $9::jsonb[], $10::jsonb[])
         AS r(reference, mpan, srv, settlement_date, stamped_at, starts, kwh, quality, registers, wh)
       ON CONFLICT (settlement_date, reference) DO NOTHING`,
      [
        column((r) => r.reference), column((r) => r.stored.mpan), column((r) => r.stored.srv), column((r) => r.stored.settlementDate),
        column((r) => r.stored.stampedAt), column((r) => JSON.stringify(r.stored.periodStartsMs)), column((r) => JSON.stringify(r.stored.kwh)),
        column((r) => r.stored.quality), column((r) => JSON.stringify(r.stored.registers)), column((r) => JSON.stringify(r.stored.wh)),
      ],
    );
  }

  /**
   * Leases the oldest pending rows nobody holds, and commits: other relays skip them until the lease
   * runs out (a relay that crashed), or until the outcome is recorded. Leases are timed on the
   * service's clock, not the database's (`leaseSeconds` of real time, `clockSecondsFor`): in a
   * simulation the run's clock, which moves on only when the system has settled, so a dead relay's
   * lease ends a step later, not real seconds later.
   */
  async leasePending(limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE dip_outbox AS o SET leased_until = $3::timestamptz + make_interval(secs => $2)
       FROM (SELECT settlement_date, reference FROM dip_outbox WHERE state = 'PENDING' AND (leased_until IS NULL OR leased_until < $3::timestamptz)
             ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED) AS due
       WHERE o.settlement_date = due.settlement_date AND o.reference = due.reference
       RETURNING o.reference, o.attempts, o.created_at AS "createdAt", ${STORED_COLUMNS}`,
      [limit, clockSecondsFor(this.clock, leaseSeconds), this.clock.now()],
    );
    return (rows as (StoredDipDay & { reference: string; attempts: number; createdAt: Date })[])
      .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
      .map((row) => ({
        reference: row.reference, settlementDate: row.settlementDate, mpan: row.mpan, attempts: row.attempts,
        message: storedDipMessage(this.settings, row, row.reference),
      }));
  }

  /** Rows leased but not sent (the DIP began failing mid-round): free for the next round at once. */
  async release(rows: readonly Pick<OutboxRow, 'settlementDate' | 'reference'>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.query(
      `UPDATE dip_outbox AS o SET leased_until = NULL FROM unnest($1::date[], $2::text[]) AS r(settlement_date, reference)
       WHERE o.settlement_date = r.settlement_date AND o.reference = r.reference AND o.state = 'PENDING'`,
      [rows.map((r) => r.settlementDate), rows.map((r) => r.reference)],
    );
  }

  /**
   * Records a round's outcomes in one statement, whatever the mix: accepted rows become DELIVERED
   * with the DIP's transaction ID, refused ones REFUSED with its reason, failed ones stay PENDING
   * with the error and their lease ended. One round trip, not one per call: the relay waits on
   * this between rounds, and on a busy machine every round trip is a wait for a turn on the CPU.
   */
  async record(deliveries: readonly Delivery[]): Promise<void> {
    const days: string[] = [];
    const references: string[] = [];
    const outcomes: string[] = [];
    const details: string[] = [];
    for (const { rows, outcome } of deliveries) {
      const detail = outcome.kind === 'ACCEPTED' ? outcome.transactionId : outcome.reason;
      for (const row of rows) {
        days.push(row.settlementDate);
        references.push(row.reference);
        outcomes.push(outcome.kind);
        details.push(detail);
      }
    }
    if (references.length === 0) return;
    await this.dataSource.query(
      `UPDATE dip_outbox AS o SET
         state = CASE u.outcome WHEN 'ACCEPTED' THEN 'DELIVERED' WHEN 'REFUSED' THEN 'REFUSED' ELSE o.state END,
         attempts = o.attempts + 1,
         finished_at = CASE WHEN u.outcome = 'FAILED' THEN o.finished_at ELSE $4::timestamptz END,
         leased_until = NULL,
         transaction_id = CASE WHEN u.outcome = 'ACCEPTED' THEN u.detail ELSE o.transaction_id END,
         last_error = CASE WHEN u.outcome = 'ACCEPTED' THEN o.last_error ELSE u.detail END
       FROM unnest($1::text[], $2::text[], $3::text[], $5::date[]) AS u(reference, outcome, detail, settlement_date)
       WHERE o.settlement_date = u.settlement_date AND o.reference = u.reference AND o.state = 'PENDING'`,
      [references, outcomes, details, this.clock.now(), days],
    );
  }

  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS "oldestSeconds" FROM dip_outbox WHERE state = 'PENDING'`,
    );
    return row;
  }
}
