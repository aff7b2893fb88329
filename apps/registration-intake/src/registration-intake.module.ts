import { KafkaModule } from '@halfhour/kafka';
import { createMetricsRegistry, JsonLogger, ObservabilityModule } from '@halfhour/observability';
import { PersistenceModule } from '@halfhour/persistence';
import { DynamicModule, Module } from '@nestjs/common';
import { MpanRegistryController } from './api/mpan-registry.controller';
import { RegistrationMetrics } from './metrics/registration-metrics';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from './persistence/registry-schema';
import { RegistrationIntakeConfig } from './registration-intake.config';
import { RegistrationIntakeRuntime } from './registration-intake.runtime';
import { RegistryRepository } from './registry/registry.repository';

@Module({})
export class RegistrationIntakeModule {
  static forRoot(config: RegistrationIntakeConfig, logger: JsonLogger): DynamicModule {
    return {
      module: RegistrationIntakeModule,
      imports: [
        ObservabilityModule.forRoot({ registry: createMetricsRegistry(config.SERVICE_NAME), logger }),
        KafkaModule.forRoot({
          brokers: config.KAFKA_BROKERS,
          clientId: config.SERVICE_NAME,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
        }),
        PersistenceModule.forRoot({
          url: config.DATABASE_URL,
          applicationName: config.SERVICE_NAME,
          entities: REGISTRY_ENTITIES,
          migrations: REGISTRY_MIGRATIONS,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
      ],
      controllers: [MpanRegistryController],
      providers: [
        { provide: RegistrationIntakeConfig, useValue: config },
        RegistryRepository,
        RegistrationMetrics,
        RegistrationIntakeRuntime,
      ],
    };
  }
}
