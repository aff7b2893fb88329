import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A service's own copy of registration-intake's timelines (registration.mpan-timelines.1): the latest version per MPAN. */
@Entity({ name: 'registry_view' })
export class RegistryViewEntity {
  @PrimaryColumn({ type: 'text' })
  mpan!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'jsonb' })
  timeline!: object;

  /** When registration-intake changed the timeline. */
  @Column({ name: 'source_updated_at', type: 'timestamptz' })
  sourceUpdatedAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
