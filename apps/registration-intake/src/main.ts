import 'reflect-metadata';
import { createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { RegistrationIntakeConfig } from './registration-intake.config';
import { RegistrationIntakeModule } from './registration-intake.module';

const config = loadConfigOrExit(RegistrationIntakeConfig);
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

startService(RegistrationIntakeModule.forRoot(config, logger), config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
