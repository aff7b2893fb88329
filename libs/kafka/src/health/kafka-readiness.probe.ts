import { HealthProbe, ProbeResult } from '@halfhour/observability';
import { Admin } from 'kafkajs';

/** Ready only while the cluster answers a metadata request. */
export class KafkaReadinessProbe implements HealthProbe {
  readonly name = 'kafka';

  constructor(private readonly admin: Admin) {}

  async check(): Promise<ProbeResult> {
    const cluster = await this.admin.describeCluster();
    return { healthy: cluster.brokers.length > 0, detail: { brokers: cluster.brokers.length, controller: cluster.controller } };
  }
}
