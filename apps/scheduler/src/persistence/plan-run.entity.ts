import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per planned day: which replica's plan stands, and what it said up front. */
@Entity({ name: 'plan_runs' })
export class PlanRunEntity {
  @PrimaryColumn({ name: 'plan_day', type: 'date' })
  planDay!: string;

  @Column({ name: 'planned_at', type: 'timestamptz' })
  plannedAt!: Date;

  @Column({ type: 'integer' })
  demands!: number;

  @Column({ type: 'integer' })
  items!: number;

  /** ProviderPlanReport per provider. */
  @Column({ type: 'jsonb' })
  report!: object;
}

/** A day's plan being made: where its next page starts, and what it has written (PlanRunRepository). */
@Entity({ name: 'plan_progress' })
export class PlanProgressEntity {
  @PrimaryColumn({ name: 'plan_day', type: 'date' })
  planDay!: string;

  @Column({ name: 'after_mpan', type: 'text' })
  afterMpan!: string;

  @Column({ type: 'jsonb' })
  counts!: object;

  @Column({ type: 'jsonb' })
  report!: object;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
