import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every operator command a service carried out: what, with which arguments, who asked and why, and what it changed. Never updated. */
@Entity({ name: 'operator_actions' })
export class OperatorActionEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_operator_actions' })
  id!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'jsonb' })
  arguments!: object;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Index('IDX_operator_actions_at')
  @Column({ type: 'timestamptz' })
  at!: Date;

  /** Rows the command changed: 0 when run again with nothing left to do. */
  @Column({ type: 'integer' })
  affected!: number;
}
