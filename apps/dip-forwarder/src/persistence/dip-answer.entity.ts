import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The answers telling requesters that a queued MPAN-day is on its way to the DIP, as an outbox:
 * each requester is told once per data, however often the same data arrives (a command read again
 * after a redelivery, a re-read for a latecomer that returns the same half hours). The answer is
 * stored with the MPAN-day in one transaction and sent after it, so a crash in between leaves it
 * unsent, to be sent when the result is read again, never lost.
 */
@Entity({ name: 'dip_answers' })
@Index('IDX_dip_answers_sent', ['sentAt'])
export class DipAnswerEntity {
  @PrimaryColumn({ type: 'text' })
  reference!: string;

  @PrimaryColumn({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'answered_at', type: 'timestamptz', default: () => 'now()' })
  answeredAt!: Date;

  /** The ServiceResponse to send. */
  @Column({ type: 'jsonb', nullable: true })
  response!: object | null;

  /** The message ID it goes out with, every time: a resend is recognisably the same message. */
  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
