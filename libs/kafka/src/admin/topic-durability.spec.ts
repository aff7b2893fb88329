import { Topics } from '@halfhour/contracts';
import { topicConfigsFor, topicDurabilityFrom } from './topic-provisioner';

describe('topic durability', () => {
  it('is one broker by default, and one less in sync than the replication factor when only that is given', () => {
    expect(topicDurabilityFrom({})).toEqual({ replicationFactor: 1, minInSyncReplicas: 1 });
    expect(topicDurabilityFrom({ KAFKA_REPLICATION_FACTOR: '3' })).toEqual({ replicationFactor: 3, minInSyncReplicas: 2 });
    expect(topicDurabilityFrom({ KAFKA_REPLICATION_FACTOR: '5', KAFKA_MIN_INSYNC_REPLICAS: '3' })).toEqual({ replicationFactor: 5, minInSyncReplicas: 3 });
  });

  it('refuses figures no write could meet, or that are not whole numbers, naming the setting', () => {
    expect(() => topicDurabilityFrom({ KAFKA_REPLICATION_FACTOR: '2', KAFKA_MIN_INSYNC_REPLICAS: '3' })).toThrow(/KAFKA_MIN_INSYNC_REPLICAS=3 is above KAFKA_REPLICATION_FACTOR=2/);
    for (const bad of ['0', '3.5', '0x3', 'three', '-1']) expect(() => topicDurabilityFrom({ KAFKA_REPLICATION_FACTOR: bad })).toThrow(/KAFKA_REPLICATION_FACTOR/);
  });

  it('gives a topic and its dead-letter topic the same replication and in-sync minimum', () => {
    const [topic, deadLetters] = topicConfigsFor(Topics.marketParticipants, { replicationFactor: 3, minInSyncReplicas: 2 });
    for (const config of [topic, deadLetters]) {
      expect(config.replicationFactor).toBe(3);
      expect(config.configEntries).toContainEqual({ name: 'min.insync.replicas', value: '2' });
    }
  });
});
