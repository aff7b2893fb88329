import { Topics } from '@halfhour/contracts';
import { KafkaRuntime, TopicCatchUp } from '@halfhour/kafka';
import { RegistryViewRepository, TimelinesViewHandler } from '@halfhour/registry-view';
import { clockFrom, JSON_LOGGER, JsonLogger, METRICS_REGISTRY, PeriodicTasks } from '@halfhour/observability';
import { RetentionSweeper } from '@halfhour/persistence';
import { scheduleRetention } from '@halfhour/service-kit';
import { Registry } from 'prom-client';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessControlConfig } from './access-control.config';
import { accessPolicyFrom } from './access-policy.provider';
import { accessControlRetention } from './persistence/access-control-retention';
import { ServiceRequestsHandler } from './decisions/service-requests.handler';
import { AccessMetrics } from './metrics/access-metrics';
import { AccessRepository } from './view/access-repository';
import { RegistryViewAge } from './view/registry-view-age';
import { UsersViewHandler } from './view/users-view.handler';

/** Wires the two view consumers, the request consumer and the view-age gauge. */
@Injectable()
export class AccessControlRuntime implements OnModuleInit {
  private readonly registryView: RegistryViewRepository;
  /** Decides a batch of requests; the consumer below, or the stock transport's controller, feeds it. */
  requestsHandler!: ServiceRequestsHandler;

  constructor(
    private readonly config: AccessControlConfig,
    private readonly kafka: KafkaRuntime,
    private readonly repository: AccessRepository,
    private readonly metrics: AccessMetrics,
    dataSource: DataSource,
    tasks: PeriodicTasks,
    @Inject(METRICS_REGISTRY) registry: Registry,
    @Inject(JSON_LOGGER) logger: JsonLogger,
  ) {
    this.registryView = new RegistryViewRepository(dataSource);
    const viewAge = new RegistryViewAge(kafka, this.config.consumerGroupFor('timelines'), metrics);
    tasks.measureEvery(config.VIEW_AGE_INTERVAL_MS, 'registry view age', () => viewAge.measure());
    scheduleRetention(tasks, registry, logger, new RetentionSweeper(dataSource, accessControlRetention(config), [], clockFrom(config)), config.RETENTION_INTERVAL_MS);
  }

  onModuleInit(): void {
    this.kafka.addConsumer({
      ...this.config.consumerFor('timelines'),
      topic: Topics.mpanTimelines,
      handler: new TimelinesViewHandler(this.registryView, (applied, stale) => {
        this.metrics.viewUpdates.inc({ view: 'timelines', outcome: 'applied' }, applied);
        this.metrics.viewUpdates.inc({ view: 'timelines', outcome: 'stale' }, stale);
      }),
    });
    this.kafka.addConsumer({ ...this.config.consumerFor('users'), topic: Topics.users, handler: new UsersViewHandler(this.repository, this.metrics) });
    const views = [
      new TopicCatchUp(this.kafka, this.config.consumerGroupFor('timelines'), Topics.mpanTimelines),
      new TopicCatchUp(this.kafka, this.config.consumerGroupFor('users'), Topics.users),
    ];
    this.requestsHandler = new ServiceRequestsHandler(accessPolicyFrom(this.config), this.repository, this.registryView, this.kafka, this.metrics, views, clockFrom(this.config));
    if (this.config.REQUEST_CONSUMER === 'batch') {
      this.kafka.addConsumer({ ...this.config.consumerFor('requests'), topic: Topics.serviceRequests, handler: this.requestsHandler });
    }
  }
}
