import { eventually, uniqueName } from '@halfhour/testing';
import { Admin, Kafka, logLevel, Producer } from 'kafkajs';
import { LocalCluster } from '../../test/local-cluster';
import { createIdempotentProducer } from './idempotent-producer';

/**
 * On the three-broker cluster: partition 0 led by broker 1, partition 1 by broker 2. The producer
 * learns that, then partition 0 moves to broker 2 (broker 1 taken out of its replicas) before the
 * producer hears of it, and one send carries a message for each partition. Broker 1 refuses
 * partition 0; broker 2 writes partition 1; kafkajs retries partition 0 towards broker 2, which has
 * already answered this send, so its retry sends nothing and resolves: kafkajs 2.2.4 alone loses
 * the message (seen in the small cluster chaos campaign after a broker came back and took its
 * partitions' leadership again). The producer Halfhour uses must write both.
 */
describe('the idempotent producer when a partition leader moves to a broker that already answered the send', () => {
  const cluster = new LocalCluster();
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const resent: [string, number][] = [];
  const topic = uniqueName('leader-moved');

  beforeAll(async () => {
    cluster.up();
    kafka = new Kafka({ clientId: 'leader-moved-test', brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    producer = createIdempotentProducer(kafka, (t, messages) => resent.push([t, messages]));
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ waitForLeaders: false, topics: [{ topic, replicaAssignment: [{ partition: 0, replicas: [1, 2] }, { partition: 1, replicas: [2, 3] }] }] });
    // Not createTopics' waitForLeaders: on a cluster just started, a broker not yet told of the topic fails it.
    await eventually(() => leadersOf(admin, topic).then((leaders) => expect(leaders).toEqual([1, 2])), 60_000, 200);
  }, 180_000);

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    cluster.down();
  }, 120_000);

  it('writes the moved partition\'s message too, sending it again', async () => {
    await eventually(() => producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: [{ partition: 0, value: 'before-0' }, { partition: 1, value: 'before-1' }] }] }), 60_000, 500);
    await admin.alterPartitionReassignments({ topics: [{ topic, partitionAssignment: [{ partition: 0, replicas: [2, 3] }] }] });
    await eventually(() => leadersOf(admin, topic).then((leaders) => expect(leaders).toEqual([2, 2])), 60_000, 200);

    const before = await eventually(() => highWatermarks(admin, topic), 30_000, 200);

    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages: [{ partition: 0, value: 'after-0' }, { partition: 1, value: 'after-1' }] }] });

    const after = await eventually(() => highWatermarks(admin, topic), 30_000, 200);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([1, 1]);
    expect(resent).toEqual([[topic, 1]]);
  }, 180_000);
});

async function leadersOf(admin: Admin, topic: string): Promise<number[]> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0].partitions.sort((a, b) => a.partitionId - b.partitionId).map((p) => p.leader);
}

async function highWatermarks(admin: Admin, topic: string): Promise<number[]> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.sort((a, b) => a.partition - b.partition).map((o) => Number(o.high));
}
