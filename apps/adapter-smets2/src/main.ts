import 'reflect-metadata';
import { Topics } from '@halfhour/contracts';
import { AdapterModule } from '@halfhour/device-adapter';
import { clockFrom, createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { AdapterSmets2Config } from './adapter-smets2.config';

/** SMETS2 meters through the CSP of their region (R-DEV-1). No cache: SMETS2's end-to-end security model rules it out. */
const config = loadConfigOrExit(AdapterSmets2Config);
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

startService(AdapterModule.forRoot(config, logger, { topic: Topics.smets2Commands, clock: clockFrom(config) }), config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
