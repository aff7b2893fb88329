import { ReadCommand, TopicDefinition } from '@halfhour/contracts';
import { Clock } from '@halfhour/domain';
import { KafkaRuntime } from '@halfhour/kafka';
import { JsonLogger, METRICS_REGISTRY, PeriodicTasks } from '@halfhour/observability';
import { serviceInfrastructure } from '@halfhour/service-kit';
import { DynamicModule, Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AdapterConfig } from './adapter.config';
import { AdapterMetrics } from './adapter-metrics';
import { ADAPTER_ENTITIES, ADAPTER_MIGRATIONS } from './adapter-schema';
import { CommandRecord } from './command-record/command-record';
import { DataCache } from './data-cache';
import { ProviderPolicies } from './provider-policies';
import { ReadCommandsHandler } from './read-commands.handler';

export interface AdapterOptions {
  /** The command topic this adapter serves. */
  topic: TopicDefinition<ReadCommand>;
  clock: Clock;
  /** SMETS1: the cache, its tables (the adapter's own included), how to build it on the service's database, and how often to sweep it. */
  cache?: {
    schema: AdapterSchema;
    create(dataSource: DataSource, metrics: AdapterMetrics): DataCache;
    sweepIntervalMs: number;
  };
}

type AdapterSchema = NonNullable<Parameters<typeof serviceInfrastructure>[2]>;

const ADAPTER_OPTIONS = Symbol('ADAPTER_OPTIONS');
const BREAKER_VALUES = { closed: 0, half_open: 1, open: 2 } as const;

/** Wires one device adapter: its command consumer, the provider policies, the command record and, for SMETS1, the cache. */
@Injectable()
class AdapterRuntime implements OnModuleInit {
  constructor(
    private readonly config: AdapterConfig,
    @Inject(ADAPTER_OPTIONS) private readonly options: AdapterOptions,
    private readonly kafka: KafkaRuntime,
    @Inject('ADAPTER_LOGGER') private readonly logger: JsonLogger,
    @Inject('ADAPTER_CACHE') private readonly cache: DataCache | undefined,
    @Inject(AdapterMetrics) private readonly metrics: AdapterMetrics,
    private readonly record: CommandRecord,
    private readonly tasks: PeriodicTasks,
  ) {}

  onModuleInit(): void {
    const policies = new ProviderPolicies(this.config.resilience, (provider, state) => {
      this.metrics.breakerState.set({ provider }, BREAKER_VALUES[state]);
      this.logger.warn({ provider, state }, `circuit breaker for ${provider} is ${state}`);
    });
    this.kafka.addConsumer({
      topic: this.options.topic,
      ...this.config.consumerFor('commands'),
      handler: new ReadCommandsHandler({ urlOf: (p) => this.config.urlOf(p) }, policies, this.kafka, this.metrics, this.options.clock, this.record, this.cache),
    });
    this.tasks.measureEvery(this.config.COMMAND_RECORD_SWEEP_INTERVAL_MS, 'read command record sweep', () => this.record.sweep());
    const cache = this.cache;
    if (cache) this.tasks.measureEvery(this.options.cache!.sweepIntervalMs, 'data cache sweep', () => cache.sweep());
  }
}

@Module({})
export class AdapterModule {
  static forRoot(config: AdapterConfig, logger: JsonLogger, options: AdapterOptions): DynamicModule {
    const cache = options.cache;
    return {
      module: AdapterModule,
      imports: serviceInfrastructure(config, logger, cache?.schema ?? { entities: ADAPTER_ENTITIES, migrations: ADAPTER_MIGRATIONS }),
      providers: [
        { provide: AdapterConfig, useValue: config },
        { provide: ADAPTER_OPTIONS, useValue: options },
        { provide: 'ADAPTER_LOGGER', useValue: logger },
        { provide: AdapterMetrics, useFactory: (registry: Registry) => new AdapterMetrics(registry), inject: [METRICS_REGISTRY] },
        cache
          ? { provide: 'ADAPTER_CACHE', useFactory: (dataSource: DataSource, metrics: AdapterMetrics) => cache.create(dataSource, metrics), inject: [DataSource, AdapterMetrics] }
          : { provide: 'ADAPTER_CACHE', useValue: undefined },
        {
          provide: CommandRecord,
          useFactory: (dataSource: DataSource) =>
            new CommandRecord(dataSource, options.clock, config.COMMAND_RECORD_RETENTION_HOURS),
          inject: [DataSource],
        },
        AdapterRuntime,
      ],
    };
  }
}
