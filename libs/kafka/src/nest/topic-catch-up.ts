import { TopicDefinition } from '@halfhour/contracts';
import { KafkaRuntime } from './kafka-runtime';

/**
 * Whether a consumer group has read a topic to its end at least once. A service that keeps a local
 * view of a topic (standing data, a registry) uses it to hold back work that needs the view until
 * the view is complete: on a fresh deployment or a replay, a missing entry may just not be loaded
 * yet. Once caught up it stays caught up; later gaps are ordinary lag.
 */
export class TopicCatchUp {
  private caughtUpAt?: Date;

  constructor(
    private readonly kafka: KafkaRuntime,
    private readonly groupId: string,
    private readonly topic: TopicDefinition<any>,
  ) {}

  async isCaughtUp(): Promise<boolean> {
    if (!this.caughtUpAt && (await this.kafka.consumerLag(this.groupId, this.topic)) === 0) this.caughtUpAt = new Date();
    return this.caughtUpAt !== undefined;
  }
}
