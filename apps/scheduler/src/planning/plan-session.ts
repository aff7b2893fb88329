import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { SCHEDULER_LOCKS } from '../items/advisory-locks';

/** What a day's plan does its work through: reads, and transactions of a page each. */
export interface PlanSession {
  /** For reads outside a page's transaction (the pages themselves, the slots' loads, capacity). */
  readonly reader: EntityManager;
  /** Holds the day's item writes and every placement until the session ends (SCHEDULER_LOCKS). */
  holdDayAndPlacements(): Promise<void>;
  /** Runs `work` in a transaction of its own, committed when it returns. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

export interface PlanSessions {
  /** Runs `work` in the day's plan session; undefined, running nothing, while another replica holds it. */
  during<T>(planDay: string, work: (session: PlanSession) => Promise<T>): Promise<T | undefined>;
}

/**
 * A day's plan on a connection of its own, holding session-level advisory locks: the day's plan
 * lock (one replica plans a day), then the day's writes and the placement lock, for as long as
 * the plan takes, while each page commits in its own transaction. So no transaction grows with
 * the day, and a replica that dies mid-plan lets its locks go with its connection: the next to
 * open the session resumes after the last page committed (PlanRunRepository's progress).
 */
export class PostgresPlanSessions implements PlanSessions {
  constructor(private readonly dataSource: DataSource) {}

  async during<T>(planDay: string, work: (session: PlanSession) => Promise<T>): Promise<T | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [SCHEDULER_LOCKS.plan, planDay]);
      if (!locked) return undefined;
      return await work(sessionOn(runner, planDay));
    } finally {
      await runner.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await runner.release();
    }
  }
}

function sessionOn(runner: QueryRunner, planDay: string): PlanSession {
  return {
    reader: runner.manager,
    async holdDayAndPlacements() {
      await runner.query('SELECT pg_advisory_lock($1, hashtext($2))', [SCHEDULER_LOCKS.dayWrites, planDay]);
      await runner.query('SELECT pg_advisory_lock($1)', [SCHEDULER_LOCKS.placement]);
    },
    async transaction(work) {
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      }
    },
  };
}
