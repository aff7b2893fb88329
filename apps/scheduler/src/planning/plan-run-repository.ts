import { SchedulesPlanReport, WrittenByLane } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';

export interface PlanRun {
  planDay: string;
  plannedAt: Date;
  demands: number;
  items: number;
  report: SchedulesPlanReport[];
}

/** What a day's plan has written so far. */
export interface PlanCounts {
  schedules: number;
  demands: number;
  items: number;
  noMeter: number;
  /** Schedules stopped, by why. */
  stopped: Record<string, number>;
  /** Items written and placed, per provider and lane. */
  written: WrittenByLane;
}

/** A plan in progress, as its last committed page left it: where the next page starts, and what came before. */
export interface PlanProgress {
  planDay: string;
  /** The last MPAN written: the plan resumes after it. */
  afterMpan: string;
  counts: PlanCounts;
  /** The report of the plan as made so far: the sessions' plans joined (joinPlanReports). */
  report: SchedulesPlanReport[];
}

export const NO_COUNTS: PlanCounts = { schedules: 0, demands: 0, items: 0, noMeter: 0, stopped: {}, written: {} };

type Runner = DataSource | EntityManager;

/**
 * The record that a day's plan was made (`plan_runs`: one per day, whichever replica made it), and
 * of a plan being made (`plan_progress`: written with each page, gone when the plan is recorded).
 */
export class PlanRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  async exists(planDay: string, runner: Runner = this.dataSource): Promise<boolean> {
    return (await runner.query('SELECT 1 FROM plan_runs WHERE plan_day = $1', [planDay])).length > 0;
  }

  async progress(planDay: string, runner: Runner): Promise<PlanProgress | undefined> {
    const [row] = await runner.query('SELECT plan_day::text AS "planDay", after_mpan AS "afterMpan", counts, report FROM plan_progress WHERE plan_day = $1', [planDay]);
    return row;
  }

  /** Written in each page's transaction: the page and the progress past it commit together. */
  async saveProgress(manager: EntityManager, progress: PlanProgress, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO plan_progress (plan_day, after_mpan, counts, report, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (plan_day) DO UPDATE SET after_mpan = excluded.after_mpan, counts = excluded.counts, report = excluded.report, updated_at = excluded.updated_at`,
      [progress.planDay, progress.afterMpan, JSON.stringify(progress.counts), JSON.stringify(progress.report), now],
    );
  }

  /** The plan made: recorded, its progress gone. */
  async record(manager: EntityManager, run: PlanRun): Promise<void> {
    await manager.query('INSERT INTO plan_runs (plan_day, planned_at, demands, items, report) VALUES ($1, $2, $3, $4, $5)', [
      run.planDay, run.plannedAt, run.demands, run.items, JSON.stringify(run.report),
    ]);
    await manager.query('DELETE FROM plan_progress WHERE plan_day = $1', [run.planDay]);
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
