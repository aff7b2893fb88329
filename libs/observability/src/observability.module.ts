import { Clock, SteppedClock } from '@halfhour/domain';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { HealthRegistry } from './health/health-probe';
import { HealthController } from './health/health.controller';
import { JsonLogger } from './logging/json-logger';
import { MetricsController } from './metrics/metrics.controller';
import { JSON_LOGGER, METRICS_REGISTRY } from './observability.tokens';
import { OperatorCredentials } from './operator-api/operator-credentials';
import { OperatorTokenGuard } from './operator-api/operator-token.guard';
import { PeriodicTasks } from './periodic-tasks';
import { SimulationClockController, STEPPED_CLOCK } from './simulation/simulation-clock.controller';

export interface ObservabilityOptions {
  registry: Registry;
  logger: JsonLogger;
  /** The process's clock; a stepped one (simulation) mounts /simulation/clock for the runner. */
  clock?: Clock;
  /** Who may call every endpoint not marked @OpenEndpoint(), and with which scope; none: all open (development). */
  operatorCredentials?: OperatorCredentials;
}

/**
 * /metrics, /health/live and /health/ready (and /simulation/clock in simulation), open to the
 * network; every other endpoint behind the operator API token; the service's logger and metrics registry.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const stepped = options.clock instanceof SteppedClock ? options.clock : undefined;
    return {
      module: ObservabilityModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController, ...(stepped ? [SimulationClockController] : [])],
      providers: [
        ...(stepped ? [{ provide: STEPPED_CLOCK, useValue: stepped }] : []),
        HealthRegistry,
        { provide: APP_GUARD, useFactory: (reflector: Reflector) => new OperatorTokenGuard(reflector, options.operatorCredentials ?? new OperatorCredentials(''), options.logger), inject: [Reflector] },
        { provide: METRICS_REGISTRY, useValue: options.registry },
        { provide: JSON_LOGGER, useValue: options.logger },
        PeriodicTasks,
      ],
      exports: [HealthRegistry, METRICS_REGISTRY, JSON_LOGGER, PeriodicTasks],
    };
  }
}
