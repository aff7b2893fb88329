import 'reflect-metadata';
import { createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { OperatorConsoleConfig } from './operator-console.config';
import { OperatorConsoleModule } from './operator-console.module';

/** The operator console: a page in the browser over the services' report APIs (docs/operator-console.md). */
const config = loadConfigOrExit(OperatorConsoleConfig);
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

startService(OperatorConsoleModule.forRoot(config, logger), config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
