import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per read command an adapter has taken up: claimed before any provider call, published
 * once its result is on the results topic. It holds no meter data (SMETS2's security model keeps
 * none at the hub), only enough to never call a provider twice for one command.
 */
@Entity({ name: 'read_command_record' })
@Index('IDX_read_command_record_claimed_at', ['claimedAt'])
export class ReadCommandRecordEntity {
  @PrimaryColumn({ name: 'command_id', type: 'text' })
  commandId!: string;

  /** Clock time of the claim; rows older than the retention are swept. */
  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
