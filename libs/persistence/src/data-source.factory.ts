import 'reflect-metadata';
import { DataSource, DataSourceOptions as TypeOrmOptions } from 'typeorm';

export interface DataSourceOptions {
  url: string;
  applicationName: string;
  entities: NonNullable<TypeOrmOptions['entities']>;
  migrations: NonNullable<TypeOrmOptions['migrations']>;
  poolSize?: number;
}

/** PostgreSQL through TypeORM. The schema changes only through reviewed migrations: never synchronize. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // Not 'error': a failed query is thrown to its caller, which logs it as JSON; TypeORM's own line is
    // plain text with every parameter, a whole batch's data at a time.
    logging: ['migration'],
    extra: { max: options.poolSize ?? 10 },
  });
}
