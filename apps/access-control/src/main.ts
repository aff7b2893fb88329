import 'reflect-metadata';
import { clockFrom, createJsonLogger, loadConfigOrExit, startService } from '@halfhour/observability';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { AccessControlConfig } from './access-control.config';
import { AccessControlModule } from './access-control.module';
import { accessPolicyFrom } from './access-policy.provider';
import { migrateAndExit, migrationRequested } from '@halfhour/service-kit';
import { ACCESS_CONTROL_ENTITIES, ACCESS_CONTROL_MIGRATIONS } from './persistence/access-control-schema';

const config = loadConfigOrExit(AccessControlConfig, process.env, { forMigration: migrationRequested() });
const logger = createJsonLogger(config.SERVICE_NAME, config.LOG_LEVEL);

try {
  accessPolicyFrom(config);
  clockFrom(config);
} catch (error) {
  logger.fatal({ err: error }, 'invalid access policy configuration');
  process.exit(78);
}

if (migrationRequested()) void migrateAndExit(config, logger, { entities: ACCESS_CONTROL_ENTITIES, migrations: ACCESS_CONTROL_MIGRATIONS });
else startService(AccessControlModule.forRoot(config, logger), config, logger, async (app) => {
  if (config.REQUEST_CONSUMER !== 'nest-event-pattern') return;
  logger.warn('requests consumed by the stock NestJS Kafka transport: a benchmark baseline, not for production');
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      client: { clientId: `${config.SERVICE_NAME}-stock`, brokers: config.KAFKA_BROKERS.split(',') },
      consumer: { groupId: config.consumerGroupFor('requests') },
      subscribe: { fromBeginning: true },
      parser: { keepBinary: true },
    },
  });
  await app.startAllMicroservices();
}).catch((error: unknown) => {
  logger.fatal({ err: error }, 'failed to start');
  process.exit(1);
});
