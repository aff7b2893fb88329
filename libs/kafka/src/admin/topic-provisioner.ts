import { deadLetterTopicOf, TopicDefinition, withTopicPrefix } from '@halfhour/contracts';
import { Admin, ITopicConfig } from 'kafkajs';

const DEAD_LETTER_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface ProvisioningReport {
  created: string[];
  existing: string[];
  /** Topics that exist with fewer partitions than the registry says; never changed automatically,
   *  because adding partitions moves keys and breaks per-MPAN ordering. */
  partitionMismatches: { topic: string; expected: number; actual: number }[];
}

export function topicConfigsFor(topic: TopicDefinition<any>, replicationFactor: number): ITopicConfig[] {
  const configEntries: { name: string; value: string }[] = [{ name: 'cleanup.policy', value: topic.cleanupPolicy }];
  if (topic.retentionMs !== undefined) configEntries.push({ name: 'retention.ms', value: String(topic.retentionMs) });
  if (topic.cleanupPolicy === 'compact') configEntries.push({ name: 'min.cleanable.dirty.ratio', value: '0.1' });
  return [
    { topic: topic.name, numPartitions: topic.partitions, replicationFactor, configEntries },
    {
      topic: deadLetterTopicOf(topic.name),
      numPartitions: 1,
      replicationFactor,
      configEntries: [
        { name: 'cleanup.policy', value: 'delete' },
        { name: 'retention.ms', value: String(DEAD_LETTER_RETENTION_MS) },
      ],
    },
  ];
}

/** Creates every registry topic and its dead-letter topic that does not exist yet. Idempotent. */
export async function provisionTopics(
  admin: Admin,
  topics: readonly TopicDefinition<any>[],
  replicationFactor: number,
  topicPrefix = '',
): Promise<ProvisioningReport> {
  const wanted = topics.flatMap((topic) => topicConfigsFor(withTopicPrefix(topic, topicPrefix), replicationFactor));
  const existingNames = new Set(await admin.listTopics());
  const missing = wanted.filter((config) => !existingNames.has(config.topic));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, waitForLeaders: false });
    await waitForLeaders(admin, missing.map((c) => c.topic));
  }

  const present = wanted.filter((config) => existingNames.has(config.topic));
  const partitionMismatches: ProvisioningReport['partitionMismatches'] = [];
  if (present.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: present.map((c) => c.topic) });
    for (const described of metadata.topics) {
      const expected = present.find((c) => c.topic === described.name)!.numPartitions!;
      if (described.partitions.length < expected) {
        partitionMismatches.push({ topic: described.name, expected, actual: described.partitions.length });
      }
    }
  }
  return { created: missing.map((c) => c.topic), existing: present.map((c) => c.topic), partitionMismatches };
}

/**
 * Waits until every partition of the new topics has a leader. kafkajs's own `waitForLeaders` gives
 * up after a few short retries, which a busy broker creating dozens of topics can outlast ("This
 * server does not host this topic-partition"); this waits on the broker's state instead, giving up
 * only when nothing has changed for `stallMs`.
 */
async function waitForLeaders(admin: Admin, topics: string[], stallMs = 120_000): Promise<void> {
  let waitingFor = topics.length;
  let lastProgress = Date.now();
  for (;;) {
    const led = await admin.fetchTopicMetadata({ topics }).then(
      (metadata) => metadata.topics.filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)).length,
      () => 0, // some topic is not known to the broker yet
    );
    if (led === topics.length) return;
    if (topics.length - led < waitingFor) {
      waitingFor = topics.length - led;
      lastProgress = Date.now();
    }
    if (Date.now() - lastProgress > stallMs) throw new Error(`${waitingFor} new topics still have no leader after ${stallMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
