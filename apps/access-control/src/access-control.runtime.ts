import { Topics } from '@halfhour/contracts';
import { KafkaRuntime, TopicCatchUp } from '@halfhour/kafka';
import { RegistryViewRepository, TimelinesViewHandler } from '@halfhour/registry-view';
import { clockFrom, PeriodicTasks } from '@halfhour/observability';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessControlConfig } from './access-control.config';
import { accessPolicyFrom } from './access-policy.provider';
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
  ) {
    this.registryView = new RegistryViewRepository(dataSource);
    const viewAge = new RegistryViewAge(kafka, this.group('timelines'), metrics);
    tasks.measureEvery(config.VIEW_AGE_INTERVAL_MS, 'registry view age', () => viewAge.measure());
  }

  private group(role: 'timelines' | 'users' | 'requests'): string {
    return `${this.config.CONSUMER_GROUP}.${role}`;
  }

  onModuleInit(): void {
    const common = {
      maxBatchSize: this.config.MAX_BATCH_SIZE,
      partitionsConsumedConcurrently: this.config.PARTITIONS_CONSUMED_CONCURRENTLY,
    };
    this.kafka.addConsumer({
      ...common,
      topic: Topics.mpanTimelines,
      groupId: this.group('timelines'),
      handler: new TimelinesViewHandler(this.registryView, (applied, stale) => {
        this.metrics.viewUpdates.inc({ view: 'timelines', outcome: 'applied' }, applied);
        this.metrics.viewUpdates.inc({ view: 'timelines', outcome: 'stale' }, stale);
      }),
    });
    this.kafka.addConsumer({ ...common, topic: Topics.users, groupId: this.group('users'), handler: new UsersViewHandler(this.repository, this.metrics) });
    const views = [
      new TopicCatchUp(this.kafka, this.group('timelines'), Topics.mpanTimelines),
      new TopicCatchUp(this.kafka, this.group('users'), Topics.users),
    ];
    this.requestsHandler = new ServiceRequestsHandler(accessPolicyFrom(this.config), this.repository, this.registryView, this.kafka, this.metrics, views, clockFrom(this.config));
    if (this.config.REQUEST_CONSUMER === 'batch') {
      this.kafka.addConsumer({ ...common, topic: Topics.serviceRequests, groupId: this.group('requests'), handler: this.requestsHandler });
    }
  }
}
