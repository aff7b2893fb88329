import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A provider's capacity as the operator set it at run time, over the configured default. */
@Entity({ name: 'provider_capacity' })
export class ProviderCapacityEntity {
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  /** A ProviderCapacity. */
  @Column({ type: 'jsonb' })
  capacity!: object;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;
}

/** The audit of capacity changes: never updated, never deleted by the service. */
@Entity({ name: 'capacity_changes' })
export class CapacityChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_capacity_changes' })
  id!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb' })
  previous!: object;

  @Column({ type: 'jsonb' })
  current!: object;

  /** Planned reads taken out of their slots by the change, to be placed again. */
  @Column({ type: 'integer' })
  released!: number;
}

/** A provider's outage state (see ProviderOutages). */
@Entity({ name: 'provider_outages' })
export class ProviderOutageEntity {
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  /** Its own failures since it last answered a read. */
  @Column({ type: 'integer', default: 0 })
  failures!: number;

  @Column({ type: 'boolean', default: false })
  out!: boolean;

  /** Whether the plan was last re-made for the provider being out. */
  @Column({ name: 'planned_out', type: 'boolean', default: false })
  plannedOut!: boolean;

  /** When the outage began (null: not out). */
  @Column({ type: 'timestamptz', nullable: true })
  since!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
