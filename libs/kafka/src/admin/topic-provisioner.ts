import { DEAD_LETTER_MAX_MESSAGE_BYTES, deadLetterTopicOf, TopicDefinition, withTopicPrefix } from '@halfhour/contracts';
import { Admin, ITopicConfig } from 'kafkajs';

/** A compacted topic keeps its latest records for good; what its consumers refused is kept a week. */
const COMPACTED_DEAD_LETTER_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A dead letter is a full copy of what was sent (readings, signed requests): it is kept no longer
 * than its source topic keeps the original, so a refused message does not outlive an accepted one.
 */
export function deadLetterRetentionMs(topic: TopicDefinition<any>): number {
  return topic.retentionMs ?? COMPACTED_DEAD_LETTER_RETENTION_MS;
}

/**
 * How many brokers hold each partition, and how many of them must have a record before a producer
 * (acks=all, as the idempotent producers send) hears it was written. Production: 3 and 2, so one
 * broker may be lost, or restarted for an upgrade, without losing an accepted message or stopping.
 */
export interface TopicDurability {
  replicationFactor: number;
  minInSyncReplicas: number;
}

/** One broker: this machine's, the tests' and a laptop's. */
export const SINGLE_BROKER: TopicDurability = { replicationFactor: 1, minInSyncReplicas: 1 };

/** The durability from KAFKA_REPLICATION_FACTOR and KAFKA_MIN_INSYNC_REPLICAS (default: one less than the factor, at least 1); throws naming a bad one. */
export function topicDurabilityFrom(env: Record<string, string | undefined>): TopicDurability {
  const whole = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    if (!/^[1-9]\d*$/.test(value)) throw new Error(`${name}="${value}": must be a whole number of brokers, at least 1`);
    return Number(value);
  };
  const replicationFactor = whole('KAFKA_REPLICATION_FACTOR', 1);
  const minInSyncReplicas = whole('KAFKA_MIN_INSYNC_REPLICAS', Math.max(1, replicationFactor - 1));
  if (minInSyncReplicas > replicationFactor) {
    throw new Error(`KAFKA_MIN_INSYNC_REPLICAS=${minInSyncReplicas} is above KAFKA_REPLICATION_FACTOR=${replicationFactor}: no write could ever succeed`);
  }
  return { replicationFactor, minInSyncReplicas };
}

export interface ProvisioningReport {
  created: string[];
  existing: string[];
  /** Topics that exist with fewer partitions than the registry says; never changed automatically,
   *  because adding partitions moves keys and breaks per-MPAN ordering. */
  partitionMismatches: { topic: string; expected: number; actual: number }[];
}

export function topicConfigsFor(topic: TopicDefinition<any>, { replicationFactor, minInSyncReplicas }: TopicDurability): ITopicConfig[] {
  const minInSync = { name: 'min.insync.replicas', value: String(minInSyncReplicas) };
  const configEntries: { name: string; value: string }[] = [{ name: 'cleanup.policy', value: topic.cleanupPolicy }, minInSync];
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
        minInSync,
        { name: 'retention.ms', value: String(deadLetterRetentionMs(topic)) },
        { name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_MESSAGE_BYTES) },
      ],
    },
  ];
}

/** Creates every registry topic and its dead-letter topic that does not exist yet. Idempotent. */
export async function provisionTopics(
  admin: Admin,
  topics: readonly TopicDefinition<any>[],
  durability: TopicDurability,
  topicPrefix = '',
): Promise<ProvisioningReport> {
  const wanted = topics.flatMap((topic) => topicConfigsFor(withTopicPrefix(topic, topicPrefix), durability));
  const existingNames = new Set(await admin.listTopics());
  const missing = wanted.filter((config) => !existingNames.has(config.topic));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, waitForLeaders: false });
    await waitUntilServed(admin, missing.map((c) => c.topic));
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
 * Waits until the broker serves every partition of the new topics. A leader in the metadata is not
 * enough: the broker publishes its metadata before its replica manager has created the partitions'
 * logs, and until then answers produce and list-offsets requests with "This server is not the
 * leader for that topic-partition" (a loaded machine stretched that past a producer's retries). A
 * topic is served once list-offsets answers for all its partitions. kafkajs's own `waitForLeaders`
 * gives up after a few short retries; this gives up only when nothing has changed for `stallMs`.
 */
export async function waitUntilServed(admin: Admin, topics: string[], stallMs = 120_000): Promise<void> {
  let waiting = topics;
  let lastProgress = Date.now();
  for (;;) {
    const served = await Promise.all(waiting.map((topic) => isServed(admin, topic)));
    const still = waiting.filter((_, i) => !served[i]);
    if (still.length === 0) return;
    if (still.length < waiting.length) lastProgress = Date.now();
    waiting = still;
    if (Date.now() - lastProgress > stallMs) throw new Error(`${waiting.length} new topics are still not served after ${stallMs / 1000} s: ${waiting.slice(0, 5).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function isServed(admin: Admin, topic: string): Promise<boolean> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined); // not known to the broker yet
  const partitions = metadata?.topics[0]?.partitions ?? [];
  if (partitions.length === 0 || partitions.some((p) => p.leader < 0)) return false;
  return admin.fetchTopicOffsets(topic).then((offsets) => offsets.length === partitions.length, () => false);
}
