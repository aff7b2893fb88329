import { OperatorAction, recordOperatorAction } from '@halfhour/persistence';
import { DataSource } from 'typeorm';

/**
 * Operator commands on the DIP outbox: send a settlement day's delivered MPAN-days again, or the
 * refused ones. The rows go back to PENDING with their references unchanged, so the DIP sees the
 * same message again (and counts it once in effect); the relay sends them on its next round.
 * Each command is audited in the transaction that makes its change, and is safe to run twice
 * (again it re-queues what is finished; a row already pending is left alone).
 */
export class Redelivery {
  constructor(private readonly dataSource: DataSource) {}

  redeliverDay(settlementDate: string, who: { requestedBy: string; reason: string }, at: Date): Promise<OperatorAction> {
    return this.requeue('REDELIVER_DAY', 'DELIVERED', { settlementDate }, who, at);
  }

  resendRefused(settlementDate: string | undefined, who: { requestedBy: string; reason: string }, at: Date): Promise<OperatorAction> {
    return this.requeue('RESEND_REFUSED', 'REFUSED', settlementDate ? { settlementDate } : {}, who, at);
  }

  private requeue(action: string, from: 'DELIVERED' | 'REFUSED', args: { settlementDate?: string }, who: { requestedBy: string; reason: string }, at: Date): Promise<OperatorAction> {
    return this.dataSource.transaction(async (manager) => {
      const [, affected]: [unknown, number] = await manager.query(
        `UPDATE dip_outbox SET state = 'PENDING', attempts = 0, last_error = NULL, finished_at = NULL, leased_until = NULL
         WHERE state = $1 AND ($2::date IS NULL OR settlement_date = $2::date)`,
        [from, args.settlementDate ?? null],
      );
      return recordOperatorAction(manager, { action, arguments: args, requestedBy: who.requestedBy, reason: who.reason, at, affected });
    });
  }
}
