import 'reflect-metadata';
import { Topics } from '@halfhour/contracts';
import { ADAPTER_ENTITIES, ADAPTER_MIGRATIONS, AdapterModule } from '@halfhour/device-adapter';
import { clockFrom, createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { migrateAndExit, migrationRequested } from '@halfhour/service-kit';
import { AdapterSmets2Config } from './adapter-smets2.config';

/**
 * SMETS2 meters through the CSP of their region (R-DEV-1). No data cache: SMETS2's end-to-end
 * security model rules it out; its database holds only the command record.
 */
const config = loadConfigOrExit(AdapterSmets2Config, process.env, { forMigration: migrationRequested() });
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

if (migrationRequested()) void migrateAndExit(config, logger, { entities: ADAPTER_ENTITIES, migrations: ADAPTER_MIGRATIONS });
else startService(AdapterModule.forRoot(config, logger, { topic: Topics.smets2Commands, clock: clockFrom(config) }), config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
