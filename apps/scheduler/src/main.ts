import 'reflect-metadata';
import { clockFrom, createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { SchedulerConfig } from './scheduler.config';
import { SchedulerModule } from './scheduler.module';
import { schedulingPolicyFrom } from './scheduling-policy';
import { migrateAndExit, migrationRequested } from '@halfhour/service-kit';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from './persistence/scheduler-schema';

const config = loadConfigOrExit(SchedulerConfig, process.env, { forMigration: migrationRequested() });
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

let settings;
try {
  settings = { policy: schedulingPolicyFrom(config), clock: clockFrom(config) };
} catch (error) {
  logger.fatal({ err: error }, 'invalid scheduling configuration');
  process.exit(78);
}

if (migrationRequested()) void migrateAndExit(config, logger, { entities: SCHEDULER_ENTITIES, migrations: SCHEDULER_MIGRATIONS });
else startService(SchedulerModule.forRoot(config, settings.policy, settings.clock, logger), config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
