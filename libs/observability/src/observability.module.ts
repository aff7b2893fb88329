import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { HealthRegistry } from './health/health-probe';
import { HealthController } from './health/health.controller';
import { JsonLogger } from './logging/json-logger';
import { MetricsController } from './metrics/metrics.controller';
import { JSON_LOGGER, METRICS_REGISTRY } from './observability.tokens';

export interface ObservabilityOptions {
  registry: Registry;
  logger: JsonLogger;
}

/** /metrics, /health/live and /health/ready, and the service's logger and metrics registry. */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        HealthRegistry,
        { provide: METRICS_REGISTRY, useValue: options.registry },
        { provide: JSON_LOGGER, useValue: options.logger },
      ],
      exports: [HealthRegistry, METRICS_REGISTRY, JSON_LOGGER],
    };
  }
}
