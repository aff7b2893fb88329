import { TopicDefinition } from '@halfhour/contracts';
import { anyTransient, ConsumerMetrics, JsonLogger, processWork, runWithLogContext, TransientErrorTest } from '@halfhour/observability';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { BatchHandler, RejectedMessage } from './batch-handler';
import { ConsumedMessage, RawMessage } from './consumed-message';
import { ConsumerState } from './consumer-state';
import { DeadLetter, DeadLetterPublisher } from './dead-letter-publisher';
import { HandlingError, rejectionFrom } from './handling-error';
import { decodeMessage } from './message-decoder';
import { backoffDelayMs, BackoffSettings } from '@halfhour/domain';
import { isTransientKafkaError } from './transient-kafka-error';

export interface BatchConsumerOptions<T extends object> {
  topic: TopicDefinition<T>;
  groupId: string;
  handler: BatchHandler<T>;
  /** Most messages handed to the handler at once; a larger fetch is handled in chunks. */
  maxBatchSize?: number;
  /** Partitions handled at the same time by this process (bounded concurrency). */
  partitionsConsumedConcurrently?: number;
  fromBeginning?: boolean;
  retry?: Partial<RetrySettings>;
  sessionTimeoutMs?: number;
  /** How long a fetch waits for data; also bounds how long a stop waits for an idle fetch. */
  maxWaitTimeMs?: number;
  /** Crash tests only: after this many batches (of at most `maxBatchSize`) the consumer holds the next for good, as a hung process would. */
  holdAfterBatches?: number;
  /**
   * Which untyped errors come from a dependency that will be back (a database restarting): such a
   * batch waits and is tried again for as long as it takes, never split up or dead-lettered.
   * Kafka's own retriable errors always count; a service with a database adds its test.
   */
  isTransient?: TransientErrorTest;
}

export interface RetrySettings extends BackoffSettings {
  /** Attempts at a batch that fails with an unexpected (untyped) error before it is split up. */
  maxAttemptsForUnexpectedErrors: number;
}

/** Crashes in a row, with no batch handled in between, after which liveness fails. */
const CRASHES_BEFORE_UNHEALTHY = 5;
/** How often the consumer tells its group it is alive, also while a handler is busy with a batch. */
const HEARTBEAT_INTERVAL_MS = 3_000;

const DEFAULT_RETRY: RetrySettings = { initialDelayMs: 200, maxDelayMs: 30_000, maxAttemptsForUnexpectedErrors: 3 };

/** Thrown inside a batch when the consumer is stopping: the rest of the batch stays uncommitted. */
class ConsumerStopping extends Error {}

/**
 * Consumes one topic in batches (kafkajs `eachBatch`), with at-least-once delivery and nothing lost:
 * - invalid messages (headers, JSON, schema, key) go straight to `<topic>.dlq` with a reason code;
 * - valid ones go to the handler in chunks, in offset order, one partition at a time;
 * - a typed retryable failure, or an error of a dependency that is down (`isTransient`: the broker,
 *   the database), is retried with backoff until it passes or the consumer stops;
 * - any other failure is retried a few times, then the chunk is split and each message handled
 *   alone, so one poison message goes to the DLQ and never blocks its partition;
 * - the offset is committed only after the chunk's effects and dead letters are durable.
 */
export class BatchConsumer<T extends object> {
  private consumer?: Consumer;
  private readonly retry: RetrySettings;
  private readonly maxBatchSize: number;
  private readonly isTransient: TransientErrorTest;
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
    this.isTransient = anyTransient([isTransientKafkaError, ...(options.isTransient ? [options.isTransient] : [])]);
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
        await this.handleChunk(payload, chunk.map((m) => toRaw(topic, partition, m)));
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

    const rejected = await this.handleWithRetries(valid, payload);
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

  private async handleWithRetries(
    messages: readonly ConsumedMessage<T>[],
    payload: EachBatchPayload,
  ): Promise<readonly RejectedMessage<T>[]> {
    if (messages.length === 0) return [];
    for (let attempt = 1; ; attempt++) {
      try {
        const context = messages.length === 1 ? messages[0].envelope : {};
        const result = await keepingSessionAlive(payload, () => runWithLogContext(context, () => this.options.handler.handleBatch(messages)));
        return result?.rejected ?? [];
      } catch (error) {
        const retryable = error instanceof HandlingError ? error.retryable : this.isTransient(error);
        const giveUp = !retryable && (error instanceof HandlingError || attempt >= this.retry.maxAttemptsForUnexpectedErrors);
        if (giveUp) {
          if (messages.length === 1) return [{ message: messages[0], rejection: rejectionFrom(error) }];
          this.logger.warn({ err: error, consumer: this.name, size: messages.length }, 'batch failed; handling its messages one by one');
          return this.handleOneByOne(messages, payload);
        }
        this.state.status = 'retrying';
        this.state.lastError = error instanceof Error ? error.message : String(error);
        this.metrics.retries.inc({ topic: messages[0].topic });
        const delay = backoffDelayMs(attempt, this.retry);
        this.logger.warn({ err: error, consumer: this.name, attempt, delayMs: delay }, 'batch failed; retrying');
        await this.pause(delay, payload);
      }
    }
  }

  private async handleOneByOne(
    messages: readonly ConsumedMessage<T>[],
    payload: EachBatchPayload,
  ): Promise<RejectedMessage<T>[]> {
    const rejected: RejectedMessage<T>[] = [];
    for (const message of messages) rejected.push(...(await this.handleWithRetries([message], payload)));
    return rejected;
  }

  /** Waits between attempts while keeping the group membership alive; gives up if we are stopping. */
  private async pause(delayMs: number, payload: EachBatchPayload): Promise<void> {
    const until = Date.now() + delayMs;
    while (Date.now() < until) {
      if (!payload.isRunning() || payload.isStale()) throw new ConsumerStopping();
      await sleep(Math.min(1_000, until - Date.now()));
      await payload.heartbeat();
    }
    if (!payload.isRunning() || payload.isStale()) throw new ConsumerStopping();
  }
}

/**
 * Runs a handler while heartbeating for the consumer, so a batch that takes longer than the
 * session timeout (slow provider calls) keeps its partitions instead of being redelivered to
 * another member mid-way. A heartbeat refused during a rebalance is left to the commit, which then
 * finds the batch stale.
 */
async function keepingSessionAlive<R>(payload: EachBatchPayload, work: () => Promise<R>): Promise<R> {
  const timer = setInterval(() => void payload.heartbeat().catch(() => undefined), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

function toRaw(topic: string, partition: number, message: KafkaMessage): RawMessage {
  return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers ?? {} };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
