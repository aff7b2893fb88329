import { Topics } from '@halfhour/contracts';
import { KafkaRuntime } from '@halfhour/kafka';
import { AccessMetrics } from '../metrics/access-metrics';

/**
 * Measures how current the local registry view is: the timelines consumer's lag, and the seconds
 * since it was last seen at zero (since start, until the first time).
 */
export class RegistryViewAge {
  private currentAt = Date.now();

  constructor(
    private readonly kafka: KafkaRuntime,
    private readonly timelinesGroup: string,
    private readonly metrics: AccessMetrics,
  ) {}

  async measure(): Promise<void> {
    const lag = await this.kafka.consumerLag(this.timelinesGroup, Topics.mpanTimelines);
    if (lag === 0) this.currentAt = Date.now();
    this.metrics.viewLag.set(lag);
    this.metrics.viewAge.set((Date.now() - this.currentAt) / 1000);
  }
}
