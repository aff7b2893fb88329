import { Topics } from '@halfhour/contracts';
import { Clock, DipMessage, DipSettings } from '@halfhour/domain';
import { KafkaRuntime } from '@halfhour/kafka';
import { JSON_LOGGER, JsonLogger, METRICS_REGISTRY, PeriodicTasks } from '@halfhour/observability';
import { GaugeOwnership, RetentionSweeper } from '@halfhour/persistence';
import { keepStatisticsFresh, OwnedGauges, scheduleRetention } from '@halfhour/service-kit';
import { Registry } from 'prom-client';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DipRelay } from './delivery/dip-relay';
import { DipCredentials, sendToDip } from './delivery/dip-client';
import { DipForwarderConfig } from './dip-forwarder.config';
import { ReadResultsHandler } from './intake/read-results.handler';
import { DipMetrics } from './metrics/dip-metrics';
import { OutboxRepository } from './outbox/outbox-repository';
import { dipForwarderRetention } from './persistence/dip-forwarder-retention';

export const DIP_CREDENTIALS = Symbol('DIP_CREDENTIALS');
export const CLOCK = Symbol('CLOCK');

/** Wires the read-results consumer (into the outbox) and the relay (out to the DIP). */
@Injectable()
export class DipForwarderRuntime implements OnModuleInit {
  private readonly outbox: OutboxRepository;

  constructor(
    private readonly config: DipForwarderConfig,
    private readonly kafka: KafkaRuntime,
    private readonly metrics: DipMetrics,
    @Inject(DIP_CREDENTIALS) credentials: DipCredentials,
    @Inject(CLOCK) private readonly clock: Clock,
    dataSource: DataSource,
    @Inject(JSON_LOGGER) logger: JsonLogger,
    tasks: PeriodicTasks,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.outbox = new OutboxRepository(dataSource, dipSettingsOf(config), clock);
    const url = config.DIP_URL.replace(/\/$/, '');
    const send = (messages: readonly DipMessage[]) => sendToDip(url, messages, credentials, config.DIP_CALL_TIMEOUT_MS, clock.now());
    const relay = new DipRelay(this.outbox, send, metrics, logger, {
      batchSize: config.DIP_BATCH_SIZE,
      concurrency: config.DIP_CONCURRENCY,
      callTimeoutMs: config.DIP_CALL_TIMEOUT_MS,
      backoffMaxMs: config.DIP_BACKOFF_MAX_MS,
      rowsPerRound: config.RELAY_BATCH_SIZE,
    }, new OwnedGauges(GaugeOwnership.of(dataSource, 'dip-forwarder'), registry, 'DIP backlog', () => {
      metrics.backlog.reset();
      metrics.backlogOldest.reset();
    }), clock);
    tasks.every(config.RELAY_INTERVAL_MS, 'DIP relay', () => relay.deliverOnce());
    keepStatisticsFresh(tasks, dataSource, ['dip_outbox'], config.PLANNER_STATISTICS_INTERVAL_MS);
    const retention = dipForwarderRetention(config);
    scheduleRetention(tasks, registry, logger, new RetentionSweeper(dataSource, retention.rules, retention.partitionRules, clock), config.RETENTION_INTERVAL_MS);
  }

  onModuleInit(): void {
    const settings = dipSettingsOf(this.config);
    const group = this.config.consumerGroupFor('results');
    this.kafka.addConsumer({
      topic: Topics.readResults,
      ...this.config.consumerFor('results'),
      handler: new ReadResultsHandler(this.outbox, settings, this.kafka, this.metrics, this.clock, group, this.config.FAULT_EXIT_BEFORE_ANSWERING),
    });
  }
}

/** What every DIP message's common block says, from the service's settings. */
function dipSettingsOf(config: DipForwarderConfig): DipSettings {
  return {
    interfaceId: config.DIP_INTERFACE_ID,
    schemaVersion: config.DIP_SCHEMA_VERSION,
    eventCode: config.DIP_EVENT_CODE,
    senderDipId: config.DIP_SENDER_ID,
    senderRole: config.DIP_SENDER_ROLE,
    recipients: config.DIP_RECIPIENTS.split(','),
  };
}
