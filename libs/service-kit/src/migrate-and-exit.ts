import { JsonLogger, ServiceConfig } from '@halfhour/observability';
import { createDataSource, PersistenceModuleOptions, runMigrations } from '@halfhour/persistence';

/**
 * `node <service>/main.js migrate`: applies the service's pending migrations (under the runner's
 * advisory lock, so replicas and Jobs may race) and exits 0, or 1 on failure. What the deploy's
 * migration Job runs before the Deployments roll; services then start with MIGRATE_ON_START=false.
 */
export async function migrateAndExit(
  config: ServiceConfig,
  logger: JsonLogger,
  schema: Pick<PersistenceModuleOptions, 'entities' | 'migrations'>,
): Promise<never> {
  const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: `${config.SERVICE_NAME}-migrate`, ...schema });
  try {
    await dataSource.initialize();
    const applied = await runMigrations(dataSource);
    logger.info({ applied }, 'migrations applied');
    await dataSource.destroy();
    process.exit(0);
  } catch (error) {
    logger.fatal({ err: error }, 'migrations failed');
    process.exit(1);
  }
}

/** Whether the process was started to migrate and exit. */
export function migrationRequested(argv: readonly string[] = process.argv): boolean {
  return argv[2] === 'migrate';
}
