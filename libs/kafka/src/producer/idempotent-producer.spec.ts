import { Kafka, Message, ProducerBatch, ProducerConfig, RecordMetadata } from 'kafkajs';
import { isTransientKafkaError } from '../consumer/transient-kafka-error';
import { MAX_RESENDS, UnacknowledgedMessages } from './acknowledged-send';
import { createIdempotentProducer } from './idempotent-producer';

const PARTITIONS = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1 + partitionId, partitionErrorCode: 0, replicas: [], isr: [] }));

/**
 * A kafkajs producer as far as the wrapper sees it: it places each message with the partitioner it
 * was made with, as kafkajs does on every attempt, and answers for the partitions `acknowledge`
 * lets through (kafkajs's own resolve with a partition missing, its retry having skipped it).
 */
function fakeKafka(acknowledge: (partition: number, send: number) => boolean = () => true) {
  const sends: { topic: string; partition: number; value: string }[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const kafka = {
    producer: (config: ProducerConfig) => ({
      sendBatch: async (batch: ProducerBatch): Promise<RecordMetadata[]> => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        // Yields before answering: sends not queued behind one another would all be in flight here.
        await Promise.resolve();
        inFlight--;
        const partitioner = config.createPartitioner!();
        const placed = batch.topicMessages!.flatMap(({ topic, messages }) =>
          messages.map((message: Message) => ({ topic, partition: partitioner({ topic, partitionMetadata: PARTITIONS, message }), value: String(message.value) })));
        if (placed.some((p) => p.topic === 'fails')) throw new Error('broker said no');
        sends.push(placed);
        const answered = new Map(placed.filter((p) => acknowledge(p.partition, sends.length)).map((p) => [`${p.topic}/${p.partition}`, p]));
        return [...answered.values()].map(({ topic, partition }) => ({ topicName: topic, partition, errorCode: 0 }));
      },
    }),
  } as unknown as Kafka;
  return { kafka, sends, maxInFlight: () => maxInFlight };
}

const batchOf = (topic: string, ...partitions: number[]): ProducerBatch => ({
  acks: -1,
  topicMessages: [{ topic, messages: partitions.map((partition, i) => ({ partition, value: `${topic}-${i}@${partition}` })) }],
});

describe('createIdempotentProducer', () => {
  it('never has two sends in flight, keeps their order, and survives a failed send', async () => {
    const fake = fakeKafka();
    const producer = createIdempotentProducer(fake.kafka);
    const results = await Promise.allSettled(['a', 'fails', 'b', 'c'].map((topic) => producer.sendBatch(batchOf(topic, 0))));
    expect(fake.maxInFlight()).toBe(1);
    expect(fake.sends.map((s) => s[0].topic)).toEqual(['a', 'b', 'c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });

  it('sends again the messages of a partition the send resolved without, and only those', async () => {
    const fake = fakeKafka((partition, send) => !(partition === 1 && send === 1));
    const resent: [string, number][] = [];
    const producer = createIdempotentProducer(fake.kafka, (topic, messages) => resent.push([topic, messages]));

    const answers = await producer.sendBatch(batchOf('t', 0, 1, 2, 1));

    expect(fake.sends.map((s) => s.map((p) => p.value))).toEqual([['t-0@0', 't-1@1', 't-2@2', 't-3@1'], ['t-1@1', 't-3@1']]);
    expect(resent).toEqual([['t', 2]]);
    expect(answers.map((a) => a.partition).sort()).toEqual([0, 1, 2]);
  });

  it('checks `send` the same way', async () => {
    const fake = fakeKafka((partition, send) => !(partition === 2 && send === 1));
    const producer = createIdempotentProducer(fake.kafka);
    await producer.send({ topic: 't', messages: [{ partition: 2, value: 'x' }, { partition: 0, value: 'y' }] });
    expect(fake.sends.map((s) => s.map((p) => p.value))).toEqual([['x', 'y'], ['x']]);
  });

  it('fails the publish, retriably, when a partition is never acknowledged', async () => {
    const fake = fakeKafka((partition) => partition !== 2);
    const producer = createIdempotentProducer(fake.kafka);
    const failure = await producer.sendBatch(batchOf('t', 0, 2)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnacknowledgedMessages);
    expect(isTransientKafkaError(failure)).toBe(true);
    expect(fake.sends).toHaveLength(MAX_RESENDS + 1);
    expect(fake.sends.slice(1).every((s) => s.length === 1 && s[0].partition === 2)).toBe(true);
  });

  it('asks nothing of a send with acks=0, which has no answers to check', async () => {
    const fake = fakeKafka(() => false);
    const producer = createIdempotentProducer(fake.kafka);
    await producer.sendBatch({ ...batchOf('t', 0), acks: 0 });
    expect(fake.sends).toHaveLength(1);
  });
});
