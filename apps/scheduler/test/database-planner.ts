import { createJsonLogger } from '@halfhour/observability';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ItemRepository } from '../src/items/item-repository';
import { SchedulerMetrics } from '../src/metrics/scheduler-metrics';
import { DailyPlanner } from '../src/planning/daily-planner';
import { MPANS_PER_PAGE } from '../src/planning/day-demand-pages';
import { PlanRunRepository } from '../src/planning/plan-run-repository';
import { PostgresPlanSessions } from '../src/planning/plan-session';
import { UserResponder } from '../src/responses/user-responder';
import { SchedulerConfig } from '../src/scheduler.config';
import { ScheduleRepository } from '../src/schedules/schedule-repository';
import { schedulingPolicyFrom } from '../src/scheduling-policy';

/** The daily planner on a database alone, as the service wires it but with no outbox to publish from (the plan bench, planner specs). */
export function databasePlanner(dataSource: DataSource, options: { items?: ItemRepository; mpansPerPage?: number } = {}): DailyPlanner {
  const policy = schedulingPolicyFrom(new SchedulerConfig());
  const outbox = { add: async () => undefined, publishSoon: () => undefined };
  return new DailyPlanner(
    policy, options.items ?? new ItemRepository(dataSource), new PlanRunRepository(dataSource), new PostgresPlanSessions(dataSource), new ScheduleRepository(dataSource),
    new RegistryViewRepository(dataSource), new UserResponder(outbox), new SchedulerMetrics(new Registry()), createJsonLogger('database-planner', 'warn'),
    { current: async () => policy.capacity }, options.mpansPerPage ?? MPANS_PER_PAGE,
  );
}
