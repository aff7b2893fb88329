import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The resolved timeline per MPAN. `version` rises with each change; the relay publishes rows whose
 * `published_version` lags behind, so only committed changes are published and none is lost.
 * `relay_lease_until` keeps a row to one relay while it publishes, without holding a row lock.
 */
@Entity({ name: 'mpan_timelines' })
@Index('IDX_mpan_timelines_unpublished', ['updatedAt'], { where: 'published_version < version' })
export class MpanTimelineEntity {
  @PrimaryColumn({ type: 'text' })
  mpan!: string;

  @Column({ type: 'jsonb' })
  timeline!: object;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'published_version', type: 'integer', default: 0 })
  publishedVersion!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'relay_lease_until', type: 'timestamptz', nullable: true })
  relayLeaseUntil!: Date | null;
}
