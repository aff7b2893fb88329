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
