import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user's schedule (R-SCH-9): an SRV read daily for one MPAN from a start date, until deleted, ended or stopped. */
@Entity({ name: 'schedules' })
@Index('IDX_schedules_active_start', ['startDate'], { where: 'stopped_at IS NULL' })
@Index('IDX_schedules_user', ['userId'])
@Index('IDX_schedules_active_mpan', ['mpan', 'dspScheduleId'], { where: 'stopped_at IS NULL' })
@Index('IDX_schedules_stopped_at', ['stoppedAt'], { where: 'stopped_at IS NOT NULL' })
@Index('UQ_schedules_ref', ['ref'], { unique: true })
export class ScheduleEntity {
  @PrimaryColumn({ name: 'dsp_schedule_id', type: 'text' })
  dspScheduleId!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @Column({ type: 'text' })
  mpid!: string;

  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text' })
  mpan!: string;

  @Column({ name: 'device_id', type: 'text' })
  deviceId!: string;

  @Column({ type: 'text' })
  srv!: string;

  @Column({ type: 'text' })
  frequency!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  /** MHHS or BAU: the lane its reads take (service request version 2; MHHS before it). */
  @Column({ type: 'text', default: 'MHHS' })
  purpose!: string;

  @Column({ name: 'request_id', type: 'text' })
  requestId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'stopped_at', type: 'timestamptz', nullable: true })
  stoppedAt!: Date | null;

  /** The number its items name it by (collection_items.schedule_refs): 8 bytes where its requester's JSON was 190. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  ref!: string;

  /** DELETED (5.3), ENTITLEMENT_ENDED (e.g. past the MDR's ETD). */
  @Column({ name: 'stopped_reason', type: 'text', nullable: true })
  stoppedReason!: string | null;
}
