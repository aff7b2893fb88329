import { backoffDelayMs } from '@halfhour/domain';
import { anyTransient, ConsumerMetrics, JsonLogger, processWork } from '@halfhour/observability';
import { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { BatchConsumerOptions, DEFAULT_RETRY, RetrySettings } from './batch-consumer-options';
import { ConsumerStopping, HEARTBEAT_INTERVAL_MS } from './batch-session';
import { ConsumedMessage, RawMessage, rawMessageOf } from './consumed-message';
import { ConsumerState } from './consumer-state';
import { DeadLetter, DeadLetterPublisher } from './dead-letter-publisher';
import { decodeMessage } from './message-decoder';
import { RetryingHandler } from './retrying-handler';
import { isTransientKafkaError } from './transient-kafka-error';

export { BatchConsumerOptions, RetrySettings } from './batch-consumer-options';

/** Crashes in a row, with no batch handled in between, after which liveness fails. */
const CRASHES_BEFORE_UNHEALTHY = 5;

/**
 * Consumes one topic in batches (kafkajs `eachBatch`), with at-least-once delivery and nothing lost:
 * - invalid messages (headers, JSON, schema, key) go straight to `<topic>.dlq` with a reason code;
 * - valid ones go to the handler in chunks, in offset order, one partition at a time;
 * - a failing chunk is retried, or split and its poison messages dead-lettered, as RetryingHandler says;
 * - the offset is committed only after the chunk's effects and dead letters are durable.
 */
export class BatchConsumer<T extends object> {
  private consumer?: Consumer;
  private readonly retry: RetrySettings;
  private readonly maxBatchSize: number;
  private readonly handler: RetryingHandler<T>;
  private chunksTaken = 0;
  private crashesInARow = 0;
  private restartTimer?: NodeJS.Timeout;
  /** Partitions whose lag this replica has reported, so a rebalance can take back those it no longer holds. */
  private readonly lagReported = new Set<number>();
  readonly state: ConsumerState = { status: 'idle' };

  constructor(
    private readonly kafka: Kafka,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: ConsumerMetrics,
    private readonly logger: JsonLogger,
    private readonly options: BatchConsumerOptions<T>,
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.maxBatchSize = options.maxBatchSize ?? 500;
    const isTransient = anyTransient([isTransientKafkaError, ...(options.isTransient ? [options.isTransient] : [])]);
    this.handler = new RetryingHandler(options, this.retry, isTransient, this.state, metrics, logger, this.name);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** The topic's name as consumed (with the service's prefix). */
  get topicName(): string {
    return this.options.topic.name;
  }

  get name(): string {
    return `${this.options.groupId}:${this.options.topic.name}`;
  }

  async start(): Promise<void> {
    this.state.status = 'starting';
    const consumer = this.newConsumer();
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic.name], fromBeginning: this.options.fromBeginning ?? true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  private newConsumer(): Consumer {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: false,
      // A broker lost holds kafkajs to what it knew of it (its leaders, its group coordinators):
      // it retries that broker until the retries run out, and only a restart of the consumer asks
      // the cluster afresh (tulios/kafkajs#950). Ten retries up to 30 s apart held a group's
      // partitions for 2.5 minutes after a broker was killed (the cluster chaos campaign); retries
      // at most 4 s apart give up within ~15 s, about when the cluster has fenced the lost broker
      // and elected new leaders, and restart the consumer within 4 s more.
      retry: { retries: 6, maxRetryTime: 4_000 },
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      if (this.state.status === 'starting') this.state.status = 'running';
      this.metrics.groupJoins.inc({ topic: this.topicName });
      this.forgetLagOfPartitionsNotHeld(payload.memberAssignment[this.topicName] ?? []);
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.state.lastError = payload.error.message;
      this.logger.error({ err: payload.error, restart: payload.restart, consumer: this.name }, 'consumer crashed');
      if (!payload.restart) this.restartLater();
    });
    return consumer;
  }

  /** kafkajs gave up on the consumer: start a new one after a backoff, unless we are stopping. */
  private restartLater(): void {
    if (this.state.status === 'stopping' || this.state.status === 'stopped') return;
    this.crashesInARow++;
    this.state.status = this.crashesInARow >= CRASHES_BEFORE_UNHEALTHY ? 'crashed' : 'restarting';
    const delay = backoffDelayMs(this.crashesInARow, this.retry);
    this.logger.warn({ consumer: this.name, crashesInARow: this.crashesInARow, delayMs: delay }, 'starting the consumer again');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.state.status === 'stopping' || this.state.status === 'stopped') return;
      const status = this.state.status;
      this.start().catch((error: unknown) => {
        this.state.lastError = error instanceof Error ? error.message : String(error);
        this.state.status = status;
        this.restartLater();
      });
    }, delay);
  }

  /** Stops fetching, lets the batch in hand finish (or hands it back uncommitted), leaves the group. */
  async stop(): Promise<void> {
    clearTimeout(this.restartTimer);
    if (!this.consumer || this.state.status === 'stopped') return;
    this.state.status = 'stopping';
    await this.consumer.disconnect();
    this.state.status = 'stopped';
  }

  /**
   * After a rebalance another replica reports the partitions this one gave up: its last figure for
   * them would stay, stale, and be counted twice.
   */
  private forgetLagOfPartitionsNotHeld(held: readonly number[]): void {
    for (const partition of [...this.lagReported].filter((p) => !held.includes(p))) {
      this.metrics.lag.remove({ topic: this.topicName, partition: String(partition) });
      this.lagReported.delete(partition);
    }
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { topic, partition } = payload.batch;
    const done = processWork.begin(`batch of ${this.options.topic.name}`);
    try {
      for (let start = 0; start < payload.batch.messages.length; start += this.maxBatchSize) {
        if (!payload.isRunning() || payload.isStale()) return;
        const chunk = payload.batch.messages.slice(start, start + this.maxBatchSize);
        await this.handleChunk(payload, chunk.map((m) => rawMessageOf(topic, partition, m)));
      }
      this.metrics.lag.set({ topic, partition: String(partition) }, Number(payload.batch.offsetLag()));
      this.lagReported.add(partition);
    } catch (error) {
      if (error instanceof ConsumerStopping) return;
      throw error;
    } finally {
      done();
    }
  }

  private async handleChunk(payload: EachBatchPayload, chunk: RawMessage[]): Promise<void> {
    if (this.options.holdAfterBatches && this.chunksTaken++ >= this.options.holdAfterBatches) {
      this.logger.warn({ consumer: this.name }, 'holding this batch for good (FAULT_HOLD_AFTER_BATCHES)');
      await new Promise<never>(() => undefined);
    }
    const timer = this.metrics.batchDuration.startTimer({ topic: chunk[0].topic });
    const valid: ConsumedMessage<T>[] = [];
    const rawByOffset = new Map(chunk.map((raw) => [raw.offset, raw]));
    const letters: DeadLetter[] = [];
    for (const raw of chunk) {
      const outcome = decodeMessage(this.options.topic, raw);
      if (outcome.ok) valid.push(outcome.message);
      else letters.push({ raw, rejection: outcome.rejection });
    }

    const rejected = await this.handler.handle(valid, payload);
    for (const { message, rejection } of rejected) letters.push({ raw: rawByOffset.get(message.offset)!, rejection });
    await this.deadLetters.publish(this.options.groupId, letters);

    const last = chunk[chunk.length - 1];
    await payload.commitOffsetsIfNecessary({
      topics: [{ topic: last.topic, partitions: [{ partition: last.partition, offset: (BigInt(last.offset) + 1n).toString() }] }],
    });
    payload.resolveOffset(last.offset);
    await payload.heartbeat();

    this.metrics.messages.inc({ topic: last.topic, outcome: 'handled' }, chunk.length - letters.length);
    this.metrics.messages.inc({ topic: last.topic, outcome: 'dead_lettered' }, letters.length);
    this.state.lastBatchAt = new Date().toISOString();
    this.crashesInARow = 0;
    if (this.state.status === 'retrying') this.state.status = 'running';
    timer();
  }
}

