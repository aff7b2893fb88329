import 'reflect-metadata';
import { clockFrom, createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { loadSigningCredentials } from './delivery/signing-credentials';
import { DipForwarderConfig } from './dip-forwarder.config';
import { DipForwarderModule } from './dip-forwarder.module';
import { migrateAndExit, migrationRequested } from '@halfhour/service-kit';
import { DIP_FORWARDER_ENTITIES, DIP_FORWARDER_MIGRATIONS } from './persistence/dip-forwarder-schema';

/** Delivers retrieved HH data to Elexon's DIP and tells users, exactly once in effect (R-DIP-1…3). */
const config = loadConfigOrExit(DipForwarderConfig, process.env, { forMigration: migrationRequested() });
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

if (migrationRequested()) void migrateAndExit(config, logger, { entities: DIP_FORWARDER_ENTITIES, migrations: DIP_FORWARDER_MIGRATIONS });
else serve();

/** Serving needs the signing pair and the clock; a migration needs neither. */
function serve(): void {
  let ready;
  try {
    ready = { credentials: loadSigningCredentials(config.DIP_CERTIFICATE_FILE, config.DIP_PRIVATE_KEY_FILE, logger), clock: clockFrom(config) };
  } catch (error) {
    logger.fatal({ err: error }, 'invalid DIP signing or clock configuration');
    process.exit(78);
  }
  startService(DipForwarderModule.forRoot(config, ready.credentials, ready.clock, logger), config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  });
}
