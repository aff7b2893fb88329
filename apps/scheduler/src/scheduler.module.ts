import { Clock } from '@halfhour/domain';
import { KafkaModule } from '@halfhour/kafka';
import { createMetricsRegistry, JsonLogger, ObservabilityModule } from '@halfhour/observability';
import { PersistenceModule } from '@halfhour/persistence';
import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlansController } from './api/plans.controller';
import { ItemRepository } from './items/item-repository';
import { SchedulerMetrics } from './metrics/scheduler-metrics';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from './persistence/scheduler-schema';
import { SchedulerConfig } from './scheduler.config';
import { CLOCK, SchedulerRuntime } from './scheduler.runtime';
import { SCHEDULING_POLICY, SchedulingPolicy } from './scheduling-policy';

@Module({})
export class SchedulerModule {
  static forRoot(config: SchedulerConfig, policy: SchedulingPolicy, clock: Clock, logger: JsonLogger): DynamicModule {
    return {
      module: SchedulerModule,
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
          entities: SCHEDULER_ENTITIES,
          migrations: SCHEDULER_MIGRATIONS,
          migrateOnStart: config.MIGRATE_ON_START,
        }),
      ],
      controllers: [PlansController],
      providers: [
        { provide: SchedulerConfig, useValue: config },
        { provide: SCHEDULING_POLICY, useValue: policy },
        { provide: CLOCK, useValue: clock },
        { provide: ItemRepository, useFactory: (dataSource: DataSource) => new ItemRepository(dataSource), inject: [DataSource] },
        SchedulerMetrics,
        SchedulerRuntime,
      ],
    };
  }
}
