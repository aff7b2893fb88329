import { HealthRegistry, JSON_LOGGER, JsonLogger } from '@halfhour/observability';
import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, DataSourceOptions } from '../data-source.factory';
import { runMigrations, untilSchemaIsCurrent } from '../migration-runner';
import { PostgresReadinessProbe } from '../postgres-readiness.probe';

export interface PersistenceModuleOptions extends DataSourceOptions {
  /** Apply pending migrations at start (development); production runs them as a Job first. */
  migrateOnStart: boolean;
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The last hook Nest runs, after consumers have drained (onModuleDestroy). */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Provides the service's TypeORM DataSource, connected, migrated if asked, closed last at shutdown. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          inject: [JSON_LOGGER, HealthRegistry],
          useFactory: async (logger: JsonLogger, health: HealthRegistry) => {
            const dataSource = await createDataSource(options).initialize();
            if (options.migrateOnStart) {
              const applied = await runMigrations(dataSource);
              logger.info({ applied }, 'migrations applied');
            } else {
              await untilSchemaIsCurrent(dataSource, (pending) =>
                logger.error({ pending }, `the database schema is behind this image by ${pending.length} migration(s): not starting until the migration Job applies them`));
            }
            health.addReadiness(new PostgresReadinessProbe(dataSource));
            return dataSource;
          },
        },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
