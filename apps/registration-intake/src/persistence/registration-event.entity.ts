import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every accepted event about an MPAN, kept whole: the timeline is recomputed from them, so late
 * and out-of-order messages give the same answer as in-order ones. The message ID as primary key
 * drops duplicates.
 */
@Entity({ name: 'registration_events' })
@Index('IDX_registration_events_mpan', ['mpan'])
export class RegistrationEventEntity {
  @PrimaryColumn({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ type: 'text' })
  mpan!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'jsonb' })
  event!: object;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
