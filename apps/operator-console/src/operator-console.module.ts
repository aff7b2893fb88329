import { clockFrom, createMetricsRegistry, JsonLogger, ObservabilityModule, operatorCredentialsFrom } from '@halfhour/observability';
import { DynamicModule, Module } from '@nestjs/common';
import { ConsoleApiController } from './console-api.controller';
import { ConsolePageController } from './console-page.controller';
import { CONSOLE_CLOCK, METRICS_SOURCE } from './console.tokens';
import { PrometheusQuery, ScrapedMetrics } from './metrics-source';
import { OperatorConsoleConfig } from './operator-console.config';
import { StackClient } from './stack-client';

@Module({})
export class OperatorConsoleModule {
  static forRoot(config: OperatorConsoleConfig, logger: JsonLogger): DynamicModule {
    const clock = clockFrom(config);
    const operatorCredentials = operatorCredentialsFrom(config, logger);
    return {
      module: OperatorConsoleModule,
      imports: [ObservabilityModule.forRoot({ registry: createMetricsRegistry(config.SERVICE_NAME), logger, clock, operatorCredentials })],
      controllers: [ConsolePageController, ConsoleApiController],
      providers: [
        { provide: OperatorConsoleConfig, useValue: config },
        { provide: CONSOLE_CLOCK, useValue: clock },
        { provide: StackClient, useValue: new StackClient(config.UPSTREAM_TIMEOUT_MS) },
        {
          provide: METRICS_SOURCE,
          useValue: config.PROMETHEUS_URL
            ? new PrometheusQuery(config.PROMETHEUS_URL, config.UPSTREAM_TIMEOUT_MS)
            : new ScrapedMetrics(config.METRICS_URLS.split(','), config.UPSTREAM_TIMEOUT_MS),
        },
      ],
    };
  }
}
