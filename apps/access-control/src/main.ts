import 'reflect-metadata';
import { clockFrom, createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { AccessControlConfig } from './access-control.config';
import { AccessControlModule } from './access-control.module';
import { accessPolicyFrom } from './access-policy.provider';

const config = loadConfigOrExit(AccessControlConfig);
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

try {
  accessPolicyFrom(config);
  clockFrom(config);
} catch (error) {
  logger.fatal({ err: error }, 'invalid access policy configuration');
  process.exit(78);
}

startService(AccessControlModule.forRoot(config, logger), config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
