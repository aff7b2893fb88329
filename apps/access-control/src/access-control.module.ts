import { JsonLogger } from '@halfhour/observability';
import { serviceInfrastructure } from '@halfhour/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import { AccessControlConfig } from './access-control.config';
import { AccessControlRuntime } from './access-control.runtime';
import { AuditController } from './api/audit.controller';
import { DecisionReportController } from './api/decision-report.controller';
import { StockRequestsController } from './decisions/stock-requests.controller';
import { AccessMetrics } from './metrics/access-metrics';
import { ACCESS_CONTROL_ENTITIES, ACCESS_CONTROL_MIGRATIONS } from './persistence/access-control-schema';
import { AccessRepository } from './view/access-repository';

@Module({})
export class AccessControlModule {
  static forRoot(config: AccessControlConfig, logger: JsonLogger): DynamicModule {
    return {
      module: AccessControlModule,
      imports: serviceInfrastructure(config, logger, { entities: ACCESS_CONTROL_ENTITIES, migrations: ACCESS_CONTROL_MIGRATIONS }),
      controllers: [AuditController, DecisionReportController, ...(config.REQUEST_CONSUMER === 'nest-event-pattern' ? [StockRequestsController] : [])],
      providers: [{ provide: AccessControlConfig, useValue: config }, AccessRepository, AccessMetrics, AccessControlRuntime],
    };
  }
}
