import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One value a SMETS1 meter returned: a half hour of a profile, or a register reading (R-DEV-2). */
@Entity({ name: 'smets1_cache' })
@Index('IDX_smets1_cache_at', ['at'])
export class CachedReadingEntity {
  @PrimaryColumn({ name: 'device_id', type: 'text' })
  deviceId!: string;

  @PrimaryColumn({ type: 'text' })
  srv!: string;

  /** The half hour's UTC start, or the register's reading time. */
  @PrimaryColumn({ type: 'timestamptz' })
  at!: Date;

  /** For register readings: which register. Empty for profile half hours. */
  @PrimaryColumn({ type: 'text', default: '' })
  register!: string;

  @Column({ type: 'double precision' })
  kwh!: number;

  @Column({ name: 'stored_at', type: 'timestamptz', default: () => 'now()' })
  storedAt!: Date;
}
