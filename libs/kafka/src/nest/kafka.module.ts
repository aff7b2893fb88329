import { Clock } from '@halfhour/domain';
import { JSON_LOGGER, JsonLogger, TransientErrorTest } from '@halfhour/observability';
import { DynamicModule, Module } from '@nestjs/common';
import { createKafkaClient, parseBrokerList } from '../connection/kafka-client';
import { kafkaSecurityFrom, KafkaSecuritySettings } from '../connection/kafka-security';
import { KafkaRuntime } from './kafka-runtime';
import { KAFKA_CLIENT, KAFKA_MODULE_OPTIONS } from './kafka.tokens';

export interface KafkaModuleOptions {
  /** Comma-separated host:port list (KAFKA_BROKERS). */
  brokers: string;
  clientId: string;
  /**
   * The service's TLS and SASL settings; plaintext when absent. Read (with the files they name)
   * while the application starts, so a wrong one is a logged refusal to start, naming it.
   */
  security?: KafkaSecuritySettings;
  /** KAFKA_TOPIC_PREFIX: put before every registry topic name this service produces or consumes. */
  topicPrefix?: string;
  /** KAFKA_SESSION_TIMEOUT_MS, for every consumer of the service. */
  sessionTimeoutMs?: number;
  /** FAULT_HOLD_AFTER_BATCHES (crash tests only): batches each consumer handles before it holds. */
  holdAfterBatches?: number;
  /** How often each consumer group's lag is read from the broker (default 15 s). */
  groupLagIntervalMs?: number;
  /** The service's clock, for the time stamped on what it publishes. */
  clock?: Clock;
  /** Errors of the service's other dependencies (its database) that its consumers wait out instead of dead-lettering. */
  isTransient?: TransientErrorTest;
}

/** Needs ObservabilityModule (logger, metrics registry, health registry) imported by the app. */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        {
          provide: KAFKA_CLIENT,
          inject: [JSON_LOGGER],
          useFactory: (logger: JsonLogger) =>
            createKafkaClient({ brokers: parseBrokerList(options.brokers), clientId: options.clientId, logger, security: kafkaSecurityFrom(options.security ?? {}) }),
        },
        { provide: KAFKA_MODULE_OPTIONS, useValue: options },
        KafkaRuntime,
      ],
      exports: [KAFKA_CLIENT, KafkaRuntime],
    };
  }
}
