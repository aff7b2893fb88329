import { renameTopic, Topics } from '@halfhour/contracts';
import { testKafka, uniqueName } from '@halfhour/testing';
import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { provisionTopics, SINGLE_BROKER, waitUntilServed } from './topic-provisioner';

describe('provisionTopics on a real broker', () => {
  const admin: Admin = testKafka().admin();

  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  async function cleanupPolicy(topic: string): Promise<string | undefined> {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
    });
    return resources[0].configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue;
  }

  it('creates a compacted topic with its partitions and a delete-policy DLQ, and is idempotent', async () => {
    const topic = renameTopic(Topics.marketParticipants, `${uniqueName('provision')}.1`);
    const first = await provisionTopics(admin, [topic], SINGLE_BROKER);
    expect(first.created).toEqual([topic.name, `${topic.name}.dlq`]);

    const metadata = await admin.fetchTopicMetadata({ topics: [topic.name] });
    expect(metadata.topics[0].partitions).toHaveLength(topic.partitions);
    expect(await cleanupPolicy(topic.name)).toBe('compact');
    expect(await cleanupPolicy(`${topic.name}.dlq`)).toBe('delete');

    const second = await provisionTopics(admin, [topic], SINGLE_BROKER);
    expect(second).toEqual({ created: [], existing: [topic.name, `${topic.name}.dlq`], partitionMismatches: [] });
  });

  it('returns only once the broker serves every new partition: each takes a write at once, with no retry', async () => {
    const prefix = `${uniqueName('served')}.`;
    const report = await provisionTopics(admin, Object.values(Topics), SINGLE_BROKER, prefix);
    const impatient = new Kafka({ clientId: 'impatient', brokers: (await admin.describeCluster()).brokers.map((b) => `${b.host}:${b.port}`), retry: { retries: 0 } }).producer();
    await impatient.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: report.created });
      const writes = metadata.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, messages: [{ partition: p.partitionId, key: 'k', value: 'x' }] })));
      expect(writes.length).toBeGreaterThan(report.created.length);
      await impatient.sendBatch({ topicMessages: writes, acks: -1 });
    } finally {
      await impatient.disconnect();
      await admin.deleteTopics({ topics: report.created });
    }
  });

  it('reports, and never changes, a topic that has fewer partitions than the registry says', async () => {
    const topic = renameTopic(Topics.marketParticipants, `${uniqueName('narrow')}.1`);
    await admin.createTopics({ topics: [{ topic: topic.name, numPartitions: 1 }], waitForLeaders: false });
    await waitUntilServed(admin, [topic.name]);
    const report = await provisionTopics(admin, [topic], SINGLE_BROKER);
    expect(report.partitionMismatches).toEqual([{ topic: topic.name, expected: topic.partitions, actual: 1 }]);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic.name] });
    expect(metadata.topics[0].partitions).toHaveLength(1);
  });
});
