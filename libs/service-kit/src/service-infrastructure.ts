import { KafkaModule } from '@halfhour/kafka';
import { clockFrom, createMetricsRegistry, JsonLogger, KafkaClientConfig, ObservabilityModule, operatorCredentialsFrom } from '@halfhour/observability';
import { isTransientDatabaseError, PersistenceModule } from '@halfhour/persistence';
import { DynamicModule } from '@nestjs/common';

type PersistenceOptions = Parameters<typeof PersistenceModule.forRoot>[0];

/**
 * What every Halfhour service imports: metrics, logs and health; Kafka (the idempotent producer,
 * batch consumers, topic prefix); and, with a schema, its own database with its migrations.
 */
export function serviceInfrastructure(
  config: KafkaClientConfig & { MIGRATE_ON_START?: boolean },
  logger: JsonLogger,
  schema?: Pick<PersistenceOptions, 'entities' | 'migrations'>,
): DynamicModule[] {
  const operatorCredentials = operatorCredentialsFrom(config, logger);
  const modules = [
    ObservabilityModule.forRoot({ registry: createMetricsRegistry(config.SERVICE_NAME), logger, clock: clockFrom(config), operatorCredentials }),
    KafkaModule.forRoot({
      brokers: config.KAFKA_BROKERS,
      clientId: config.SERVICE_NAME,
      security: config,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      clock: clockFrom(config),
      holdAfterBatches: config.FAULT_HOLD_AFTER_BATCHES,
      // A database restarting never sends valid messages to a dead-letter topic: the batch waits for it.
      ...(schema ? { isTransient: isTransientDatabaseError } : {}),
    }),
  ];
  if (!schema) return modules;
  return [
    ...modules,
    PersistenceModule.forRoot({
      url: config.DATABASE_URL,
      applicationName: config.SERVICE_NAME,
      ...schema,
      migrateOnStart: config.MIGRATE_ON_START ?? true,
    }),
  ];
}
