import { OperatorAction, recordOperatorAction } from '@halfhour/persistence';
import { DataSource } from 'typeorm';

/** Rows re-queued a transaction at a time. */
const REQUEUE_CHUNK_ROWS = 10_000;

/**
 * Operator commands on the DIP outbox: send a settlement day's delivered MPAN-days again, or the
 * refused ones. The rows go back to PENDING with their references unchanged, so the DIP sees the
 * same message again (and counts it once in effect); the relay sends them on its next round.
 * A national day is 30 million rows, so they go back a chunk at a time, each chunk its own
 * transaction: the command is audited with the rows it matched in the first, and is safe to run
 * again after a crash part-way (again it re-queues what is finished; a row already pending is left
 * alone).
 */
export class Redelivery {
  constructor(private readonly dataSource: DataSource, private readonly rowsPerChunk = REQUEUE_CHUNK_ROWS) {}

  redeliverDay(settlementDate: string, who: { requestedBy: string; reason: string }, at: Date): Promise<OperatorAction> {
    return this.requeue('REDELIVER_DAY', 'DELIVERED', { settlementDate }, who, at);
  }

  resendRefused(settlementDate: string | undefined, who: { requestedBy: string; reason: string }, at: Date): Promise<OperatorAction> {
    return this.requeue('RESEND_REFUSED', 'REFUSED', settlementDate ? { settlementDate } : {}, who, at);
  }

  private async requeue(action: string, from: 'DELIVERED' | 'REFUSED', args: { settlementDate?: string }, who: { requestedBy: string; reason: string }, at: Date): Promise<OperatorAction> {
    const matching = [from, args.settlementDate ?? null];
    const audited = await this.dataSource.transaction(async (manager) => {
      const [{ n }]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM dip_outbox WHERE state = $1 AND ($2::date IS NULL OR settlement_date = $2::date)`, matching);
      return recordOperatorAction(manager, { action, arguments: args, requestedBy: who.requestedBy, reason: who.reason, at, affected: n });
    });
    for (let requeued = this.rowsPerChunk; requeued === this.rowsPerChunk;) {
      const [, affected]: [unknown, number] = await this.dataSource.query(
        `UPDATE dip_outbox AS o SET state = 'PENDING', attempts = 0, last_error = NULL, finished_at = NULL, leased_until = NULL
         FROM (SELECT settlement_date, reference FROM dip_outbox WHERE state = $1 AND ($2::date IS NULL OR settlement_date = $2::date)
               LIMIT $3 FOR UPDATE SKIP LOCKED) AS chunk
         WHERE o.settlement_date = chunk.settlement_date AND o.reference = chunk.reference`,
        [...matching, this.rowsPerChunk],
      );
      requeued = affected;
    }
    return audited;
  }
}
