import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which requester has been told that which queued MPAN-day is on its way to the DIP: each is told
 * once per data, however often the same data arrives (a command read again after a redelivery,
 * a re-read for a latecomer that returns the same half hours).
 */
@Entity({ name: 'dip_answers' })
export class DipAnswerEntity {
  @PrimaryColumn({ type: 'text' })
  reference!: string;

  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'answered_at', type: 'timestamptz', default: () => 'now()' })
  answeredAt!: Date;
}
