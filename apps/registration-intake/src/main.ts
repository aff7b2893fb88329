import 'reflect-metadata';
import { createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { RegistrationIntakeConfig } from './registration-intake.config';
import { RegistrationIntakeModule } from './registration-intake.module';
import { migrateAndExit, migrationRequested } from '@halfhour/service-kit';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from './persistence/registry-schema';

const config = loadConfigOrExit(RegistrationIntakeConfig, process.env, { forMigration: migrationRequested() });
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

if (migrationRequested()) void migrateAndExit(config, logger, { entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS });
else startService(RegistrationIntakeModule.forRoot(config, logger), config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
