import { newEnvelope, Topics } from '@halfhour/contracts';
import { ConsumerMetrics, createJsonLogger } from '@halfhour/observability';
import { EachBatchPayload, Kafka } from 'kafkajs';
import { EventEmitter } from 'node:events';
import { Registry } from 'prom-client';
import { encodeEnvelope } from '../envelope-headers';
import { BatchConsumer } from './batch-consumer';
import { DeadLetterPublisher } from './dead-letter-publisher';

/** An in-memory stand-in for a kafkajs consumer that hands its `run` one batch of one valid message. */
class OneBatchConsumer extends EventEmitter {
  readonly events = { GROUP_JOIN: 'join', CRASH: 'crash' };
  readonly heartbeats: number[] = [];
  batchDone?: Promise<void>;
  connect = async () => undefined;
  subscribe = async () => undefined;
  disconnect = async () => undefined;

  run = async ({ eachBatch }: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
    this.emit('join', { payload: { memberAssignment: { [Topics.marketParticipants.name]: [0] } } });
    const definition = Topics.marketParticipants.messages[0];
    const message = {
      offset: '0', key: Buffer.from(definition.keyOf(definition.example)), timestamp: '0', attributes: 0,
      value: Buffer.from(JSON.stringify(definition.example)), headers: encodeEnvelope(newEnvelope(definition.type, definition.schemaVersion)),
    };
    this.batchDone = eachBatch({
      batch: { topic: Topics.marketParticipants.name, partition: 0, messages: [message], offsetLag: () => '5' },
      heartbeat: async () => void this.heartbeats.push(Date.now()),
      commitOffsetsIfNecessary: async () => undefined,
      resolveOffset: () => undefined,
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);
  };
}

describe('BatchConsumer with a slow handler', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps telling its group it is alive while the handler works, so the batch is not taken away', async () => {
    const fake = new OneBatchConsumer();
    const registry = new Registry();
    const logger = createJsonLogger('heartbeat-test', 'silent');
    let handled = 0;
    let finishBatch!: () => void;
    const batchFinished = new Promise<void>((resolve) => (finishBatch = resolve));
    const consumer = new BatchConsumer(
      { consumer: () => fake } as unknown as Kafka,
      new DeadLetterPublisher({ sendBatch: async () => undefined } as never, ConsumerMetrics.of(registry), logger),
      ConsumerMetrics.of(registry), logger,
      {
        topic: Topics.marketParticipants, groupId: 'heartbeat-test', sessionTimeoutMs: 10_000,
        // A batch of slow provider calls, busy until the test says: 45 simulated seconds, longer than the 10 s session.
        handler: { handleBatch: async (messages) => { await batchFinished; handled += messages.length; } },
      },
    );
    await consumer.start();
    const start = Date.now();
    await jest.advanceTimersByTimeAsync(45_000);
    expect(handled).toBe(0);
    finishBatch();
    await fake.batchDone;
    expect(handled).toBe(1);
    const during = fake.heartbeats.filter((at) => at - start < 45_000);
    // One at least every 3 s, and never a silence as long as the session.
    expect(during.length).toBeGreaterThanOrEqual(14);
    const gaps = [...during, start + 45_000].map((at, i, all) => at - (i === 0 ? start : all[i - 1]));
    expect(Math.max(...gaps)).toBeLessThan(10_000);
  });
});

describe('BatchConsumer after a rebalance', () => {
  it('stops reporting the lag of a partition it no longer holds, which another replica now reports', async () => {
    const fake = new OneBatchConsumer();
    const registry = new Registry();
    const logger = createJsonLogger('lag-test', 'silent');
    const metrics = ConsumerMetrics.of(registry);
    const consumer = new BatchConsumer(
      { consumer: () => fake } as unknown as Kafka,
      new DeadLetterPublisher({ sendBatch: async () => undefined } as never, metrics, logger),
      metrics, logger,
      { topic: Topics.marketParticipants, groupId: 'lag-test', handler: { handleBatch: async () => undefined } },
    );
    await consumer.start();
    await fake.batchDone;
    const lagOf = async () => Object.fromEntries((await metrics.lag.get()).values.map((v) => [v.labels.partition, v.value]));
    expect(await lagOf()).toEqual({ 0: 5 });
    fake.emit('join', { payload: { memberAssignment: { [Topics.marketParticipants.name]: [1, 2] } } });
    expect(await lagOf()).toEqual({});
  });
});
