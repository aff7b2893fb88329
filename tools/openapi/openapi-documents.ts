import { clockFrom, createJsonLogger, loadConfig } from '@halfhour/observability';
import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { join } from 'node:path';
import { AccessControlConfig } from '../../apps/access-control/src/access-control.config';
import { AccessControlModule } from '../../apps/access-control/src/access-control.module';
import { loadSigningCredentials } from '../../apps/dip-forwarder/src/delivery/signing-credentials';
import { DipForwarderConfig } from '../../apps/dip-forwarder/src/dip-forwarder.config';
import { DipForwarderModule } from '../../apps/dip-forwarder/src/dip-forwarder.module';
import { OperatorConsoleConfig } from '../../apps/operator-console/src/operator-console.config';
import { OperatorConsoleModule } from '../../apps/operator-console/src/operator-console.module';
import { RegistrationIntakeConfig } from '../../apps/registration-intake/src/registration-intake.config';
import { RegistrationIntakeModule } from '../../apps/registration-intake/src/registration-intake.module';
import { SchedulerConfig } from '../../apps/scheduler/src/scheduler.config';
import { SchedulerModule } from '../../apps/scheduler/src/scheduler.module';
import { schedulingPolicyFrom } from '../../apps/scheduler/src/scheduling-policy';

export const OPENAPI_DIR = 'docs/openapi';
const silent = createJsonLogger('openapi', 'fatal');
/** The documents describe the code, not a deployment: built with development's defaults. */
const DEVELOPMENT = { NODE_ENV: 'development' };

/** Each service with an HTTP API, as its main.ts builds it (with default settings: nothing is started). */
const MODULES: Record<string, () => DynamicModule> = {
  'registration-intake': () => RegistrationIntakeModule.forRoot(loadConfig(RegistrationIntakeConfig, DEVELOPMENT), silent),
  'access-control': () => AccessControlModule.forRoot(loadConfig(AccessControlConfig, DEVELOPMENT), silent),
  scheduler: () => {
    const config = loadConfig(SchedulerConfig, DEVELOPMENT);
    return SchedulerModule.forRoot(config, schedulingPolicyFrom(config), clockFrom(config), silent);
  },
  'dip-forwarder': () => {
    const config = loadConfig(DipForwarderConfig, DEVELOPMENT);
    return DipForwarderModule.forRoot(config, loadSigningCredentials(config.DIP_CERTIFICATE_FILE, config.DIP_PRIVATE_KEY_FILE, silent), clockFrom(config), silent);
  },
  'operator-console': () => OperatorConsoleModule.forRoot(loadConfig(OperatorConsoleConfig, DEVELOPMENT), silent),
};

export const OPENAPI_SERVICES = Object.keys(MODULES);

/**
 * A service's OpenAPI document, read from its controllers by @nestjs/swagger: the module is
 * built in Nest's preview mode, so no provider is made, nothing connects and nothing listens.
 */
export async function openApiOf(service: string): Promise<OpenAPIObject> {
  const app = await NestFactory.create(MODULES[service](), { preview: true, logger: false, abortOnError: false });
  const { version } = require(join(__dirname, '..', '..', 'package.json')) as { version: string };
  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle(`Halfhour ${service}`)
    .setDescription(`The HTTP API of ${service}: health and metrics open; every other endpoint asks for an operator API token (Authorization: Bearer …).`)
    .setVersion(version)
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build());
  await app.close();
  return document;
}

/** The document as the repository keeps it: JSON, two-space indented, ending in a newline. */
export function openApiText(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
