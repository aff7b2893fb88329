import { ProviderPlanReport } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';

const PLAN_LOCK = 165;

export interface PlanRun {
  planDay: string;
  plannedAt: Date;
  demands: number;
  items: number;
  report: ProviderPlanReport[];
}

/** The record that a day's plan was made (`plan_runs`): one per day, whichever replica made it. */
export class PlanRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async exists(planDay: string): Promise<boolean> {
    return (await this.dataSource.query('SELECT 1 FROM plan_runs WHERE plan_day = $1', [planDay])).length > 0;
  }

  /**
   * Takes the day's planning for this transaction: false when another replica is planning it now
   * (its advisory lock is held) or a plan already stands.
   */
  async claim(manager: EntityManager, planDay: string): Promise<boolean> {
    const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [PLAN_LOCK, planDay]);
    return locked && (await manager.query('SELECT 1 FROM plan_runs WHERE plan_day = $1', [planDay])).length === 0;
  }

  async record(manager: EntityManager, run: PlanRun): Promise<void> {
    await manager.query('INSERT INTO plan_runs (plan_day, planned_at, demands, items, report) VALUES ($1, $2, $3, $4, $5)', [
      run.planDay, run.plannedAt, run.demands, run.items, JSON.stringify(run.report),
    ]);
  }

  /** When the latest plan was made; undefined before the first. */
  async latestPlannedAt(): Promise<Date | undefined> {
    const [{ at }] = await this.dataSource.query('SELECT max(planned_at) AS at FROM plan_runs');
    return at ?? undefined;
  }

  async find(planDay: string): Promise<Omit<PlanRun, 'planDay'> | undefined> {
    const [run] = await this.dataSource.query('SELECT planned_at AS "plannedAt", demands, items, report FROM plan_runs WHERE plan_day = $1', [planDay]);
    return run;
  }
}
