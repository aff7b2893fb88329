import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Message IDs a consumer group has already applied. Kafka delivers at least once; a handler that
 * claims its batch's IDs here, in the same transaction as its writes, applies each message once.
 */
@Entity({ name: 'inbox_messages' })
export class InboxMessage {
  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup!: string;

  @PrimaryColumn({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Index('IDX_inbox_messages_processed_at')
  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
