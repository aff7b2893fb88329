import { PlanSessions } from '../src/planning/plan-session';
import { NO_TRANSACTION } from './in-memory-items';

/** Plan sessions for the in-memory stores: a unit test runs one planner, and each store call is atomic already. */
export const IN_MEMORY_PLAN_SESSIONS: PlanSessions = {
  async during(_planDay, work) {
    return work({ reader: NO_TRANSACTION, holdDayAndPlacements: async () => undefined, transaction: (page) => page(NO_TRANSACTION) });
  },
};
