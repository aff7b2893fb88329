import { Clock } from '@halfhour/domain';
import { JsonLogger } from '@halfhour/observability';
import { OperatorActionsController, serviceInfrastructure } from '@halfhour/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryReportController } from './api/delivery-report.controller';
import { DeliveriesController } from './api/deliveries.controller';
import { DipCredentials } from './delivery/dip-client';
import { DipForwarderConfig } from './dip-forwarder.config';
import { CLOCK, DIP_CREDENTIALS, DipForwarderRuntime } from './dip-forwarder.runtime';
import { DipMetrics } from './metrics/dip-metrics';
import { Redelivery } from './outbox/redelivery';
import { DIP_FORWARDER_ENTITIES, DIP_FORWARDER_MIGRATIONS } from './persistence/dip-forwarder-schema';

@Module({})
export class DipForwarderModule {
  static forRoot(config: DipForwarderConfig, credentials: DipCredentials, clock: Clock, logger: JsonLogger): DynamicModule {
    return {
      module: DipForwarderModule,
      imports: serviceInfrastructure(config, logger, { entities: DIP_FORWARDER_ENTITIES, migrations: DIP_FORWARDER_MIGRATIONS }),
      controllers: [DeliveriesController, DeliveryReportController, OperatorActionsController],
      providers: [
        { provide: DipForwarderConfig, useValue: config },
        { provide: Redelivery, useFactory: (dataSource: DataSource) => new Redelivery(dataSource), inject: [DataSource] },
        { provide: DIP_CREDENTIALS, useValue: credentials },
        { provide: CLOCK, useValue: clock },
        DipMetrics,
        DipForwarderRuntime,
      ],
    };
  }
}
