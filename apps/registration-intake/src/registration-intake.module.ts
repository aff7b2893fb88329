import { clockFrom, JsonLogger } from '@halfhour/observability';
import { serviceInfrastructure } from '@halfhour/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
      imports: serviceInfrastructure(config, logger, { entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS }),
      controllers: [MpanRegistryController],
      providers: [
        { provide: RegistrationIntakeConfig, useValue: config },
        { provide: RegistryRepository, useFactory: (dataSource: DataSource) => new RegistryRepository(dataSource, clockFrom(config)), inject: [DataSource] },
        RegistrationMetrics,
        RegistrationIntakeRuntime,
      ],
    };
  }
}
