import { Topics } from '@halfhour/contracts';
import { ConsumerMetrics, createJsonLogger } from '@halfhour/observability';
import { Kafka } from 'kafkajs';
import { EventEmitter } from 'node:events';
import { Registry } from 'prom-client';
import { BatchConsumer } from './batch-consumer';
import { DeadLetterPublisher } from './dead-letter-publisher';

/** An in-memory stand-in for a kafkajs consumer: joins its group when run, crashes when told. */
class FakeConsumer extends EventEmitter {
  readonly events = { GROUP_JOIN: 'join', CRASH: 'crash' };
  connect = jest.fn(async () => undefined);
  subscribe = jest.fn(async () => undefined);
  disconnect = jest.fn(async () => undefined);
  run = jest.fn(async () => void this.emit('join', { payload: { memberAssignment: {} } }));

  crashForGood(message: string): void {
    this.emit('crash', { payload: { error: new Error(message), restart: false } });
  }
}

describe('BatchConsumer when kafkajs gives up on its consumer', () => {
  let made: FakeConsumer[];
  let consumer: BatchConsumer<object>;

  beforeEach(() => {
    jest.useFakeTimers();
    made = [];
    const kafka = { consumer: () => made[made.push(new FakeConsumer()) - 1] } as unknown as Kafka;
    const registry = new Registry();
    const logger = createJsonLogger('restart-test', 'silent');
    consumer = new BatchConsumer(kafka, new DeadLetterPublisher({ sendBatch: async () => undefined } as never, ConsumerMetrics.of(registry), logger), ConsumerMetrics.of(registry), logger, {
      topic: Topics.marketParticipants, groupId: 'restart-test', handler: { handleBatch: async () => undefined }, retry: { initialDelayMs: 100, maxDelayMs: 1000 },
    });
  });

  afterEach(() => jest.useRealTimers());

  it('starts a new consumer after a backoff, and is running again', async () => {
    await consumer.start();
    expect(consumer.state.status).toBe('running');
    made[0].crashForGood('Failed to find group coordinator');
    expect(consumer.state).toMatchObject({ status: 'restarting', lastError: 'Failed to find group coordinator' });
    await jest.runOnlyPendingTimersAsync();
    expect(made).toHaveLength(2);
    expect(made[1].run).toHaveBeenCalled();
    expect(consumer.state.status).toBe('running');
  });

  it('fails liveness (crashed) once it has crashed five times in a row without handling a batch, and keeps trying', async () => {
    await consumer.start();
    for (let crash = 0; crash < 5; crash++) {
      made[made.length - 1].crashForGood('Failed to find group coordinator');
      if (crash < 4) expect(consumer.state.status).toBe('restarting');
      await jest.runOnlyPendingTimersAsync();
    }
    expect(made).toHaveLength(6);
    made[5].crashForGood('again');
    expect(consumer.state.status).toBe('crashed');
  });

  it('starts nothing new once it is being stopped', async () => {
    await consumer.start();
    made[0].crashForGood('Failed to find group coordinator');
    await consumer.stop();
    await jest.runOnlyPendingTimersAsync();
    expect(made).toHaveLength(1);
    expect(consumer.state.status).toBe('stopped');
  });
});
