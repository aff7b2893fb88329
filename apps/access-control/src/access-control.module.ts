import { KafkaModule } from '@halfhour/kafka';
import { createMetricsRegistry, JsonLogger, ObservabilityModule } from '@halfhour/observability';
import { PersistenceModule } from '@halfhour/persistence';
import { DynamicModule, Module } from '@nestjs/common';
import { AccessControlConfig } from './access-control.config';
import { AccessControlRuntime } from './access-control.runtime';
import { AuditController } from './api/audit.controller';
import { AccessMetrics } from './metrics/access-metrics';
import { ACCESS_CONTROL_ENTITIES, ACCESS_CONTROL_MIGRATIONS } from './persistence/access-control-schema';
import { AccessRepository } from './view/access-repository';

@Module({})
export class AccessControlModule {
  static forRoot(config: AccessControlConfig, logger: JsonLogger): DynamicModule {
    return {
      module: AccessControlModule,
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
          entities: ACCESS_CONTROL_ENTITIES,
          migrations: ACCESS_CONTROL_MIGRATIONS,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
      ],
      controllers: [AuditController],
      providers: [{ provide: AccessControlConfig, useValue: config }, AccessRepository, AccessMetrics, AccessControlRuntime],
    };
  }
}
