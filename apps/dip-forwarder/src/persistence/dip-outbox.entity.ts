import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Retrieved MPAN-days waiting for, or done with, delivery to the DIP. Written before the read
 * result's offset is committed; keyed by the message's sender unique reference (the idempotency
 * key), so the same data is queued once however often it arrives.
 */
@Entity({ name: 'dip_outbox' })
@Index('IDX_dip_outbox_pending', ['createdAt'], { where: "state = 'PENDING'" })
@Index('IDX_dip_outbox_finished', ['finishedAt'], { where: "state IN ('DELIVERED', 'REFUSED')" })
// On split_part(item_key, '|', 3), the settlement date: an expression TypeORM cannot declare, made by its migration.
@Index('IDX_dip_outbox_settlement_date', { synchronize: false })
export class DipOutboxEntity {
  @PrimaryColumn({ type: 'text' })
  reference!: string;

  @Column({ name: 'item_key', type: 'text' })
  itemKey!: string;

  @Column({ type: 'text' })
  mpan!: string;

  /* The MPAN-day's data (StoredDipDay): the message is built from it when it is sent. */
  @Column({ type: 'text' })
  srv!: string;

  @Column({ name: 'settlement_date', type: 'date' })
  settlementDate!: string;

  @Column({ name: 'stamped_at', type: 'timestamptz' })
  stampedAt!: Date;

  @Column({ name: 'period_starts_ms', type: 'integer', array: true, nullable: true })
  periodStartsMs!: number[] | null;

  @Column({ type: 'double precision', array: true })
  kwh!: (number | null)[];

  @Column({ type: 'text' })
  quality!: string;

  @Column({ type: 'jsonb' })
  registers!: unknown[];

  /** PENDING, DELIVERED or REFUSED (a terminal 4xx). */
  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'transaction_id', type: 'text', nullable: true })
  transactionId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** While set and in the future, a relay is delivering the row; after it, any relay may take it again. */
  @Column({ name: 'leased_until', type: 'timestamptz', nullable: true })
  leasedUntil!: Date | null;
}
