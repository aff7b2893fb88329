import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a SMETS1 meter returned for one data day of one SRV: its actual half hours and daily-log registers (R-DEV-2). */
@Entity({ name: 'smets1_cache_days' })
@Index('IDX_smets1_cache_days_data_day', ['dataDay'])
export class CachedDayEntity {
  @PrimaryColumn({ name: 'device_id', type: 'text' })
  deviceId!: string;

  @PrimaryColumn({ type: 'text' })
  srv!: string;

  @PrimaryColumn({ name: 'data_day', type: 'date' })
  dataDay!: string;

  /** `[{ start, kwh }]`: the half hours of quality ACTUAL. */
  @Column({ type: 'jsonb' })
  periods!: { start: string; kwh: number }[];

  /** `[{ register, kwh, readAt }]`: a daily log's register readings (instantaneous ones are not kept). */
  @Column({ type: 'jsonb' })
  registers!: { register: string; kwh: number; readAt: string }[];

  @Column({ name: 'stored_at', type: 'timestamptz', default: () => 'now()' })
  storedAt!: Date;
}
