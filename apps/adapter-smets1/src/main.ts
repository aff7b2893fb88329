import 'reflect-metadata';
import { Topics } from '@halfhour/contracts';
import { AdapterModule } from '@halfhour/device-adapter';
import { clockFrom, createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { AdapterSmets1Config } from './adapter-smets1.config';
import { PostgresDataCache } from './cache/postgres-data-cache';
import { SMETS1_CACHE_ENTITIES, SMETS1_CACHE_MIGRATIONS } from './cache/smets1-cache-schema';
import { migrateAndExit, migrationRequested } from '@halfhour/service-kit';

/** SMETS1 meters through their S1SP (R-DEV-1), with the data cache that saves SMETS1 traffic (R-DEV-2). */
const config = loadConfigOrExit(AdapterSmets1Config, process.env, { forMigration: migrationRequested() });
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);
const clock = clockFrom(config);

const adapterModule = AdapterModule.forRoot(config, logger, {
  topic: Topics.smets1Commands,
  clock,
  cache: {
    schema: { entities: SMETS1_CACHE_ENTITIES, migrations: SMETS1_CACHE_MIGRATIONS },
    create: (dataSource) => new PostgresDataCache(dataSource, clock, config.CACHE_RETENTION_DAYS),
    sweepIntervalMs: config.CACHE_SWEEP_INTERVAL_MS,
  },
});

if (migrationRequested()) void migrateAndExit(config, logger, { entities: SMETS1_CACHE_ENTITIES, migrations: SMETS1_CACHE_MIGRATIONS });
else startService(adapterModule, config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
