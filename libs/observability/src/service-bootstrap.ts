import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { describeConfig } from './config/load-config';
import { ServiceConfig } from './config/service-config';
import { JsonLogger } from './logging/json-logger';
import { NestJsonLogger } from './logging/nest-json-logger';
import { listenForManagement, separateManagementPort } from './management-port';

/**
 * Starts a service: JSON logs, config logged with secrets masked, HTTP on HTTP_PORT (health and
 * metrics too, or on MANAGEMENT_PORT when it is set), and a clean stop on SIGTERM/SIGINT. Nest runs the shutdown hooks (consumers drain
 * and commit, then connections close); if that takes longer than SHUTDOWN_TIMEOUT_MS the process
 * exits anyway, so a stuck dependency cannot hold a pod in Terminating for ever.
 */
export async function startService(
  module: Type<unknown> | DynamicModule,
  config: ServiceConfig,
  logger: JsonLogger,
  beforeListen: (app: INestApplication) => Promise<void> | void = () => undefined,
): Promise<INestApplication> {
  logger.info({ config: describeConfig(config) }, 'starting');
  const app = await NestFactory.create(module, { logger: new NestJsonLogger(logger) });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      setTimeout(() => {
        logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown took too long; exiting');
        process.exit(1);
      }, config.SHUTDOWN_TIMEOUT_MS).unref();
    });
  }
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await beforeListen(app);
  if (config.MANAGEMENT_PORT) separateManagementPort(app, config.MANAGEMENT_PORT, config.HTTP_PORT);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  if (config.MANAGEMENT_PORT) await listenForManagement(app, config.MANAGEMENT_PORT, config.HTTP_HOST);
  logger.info({ host: config.HTTP_HOST, port: config.HTTP_PORT, managementPort: config.MANAGEMENT_PORT || config.HTTP_PORT }, 'listening');
  return app;
}
