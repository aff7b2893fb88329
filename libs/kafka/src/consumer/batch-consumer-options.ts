import { TopicDefinition } from '@halfhour/contracts';
import { BackoffSettings } from '@halfhour/domain';
import { TransientErrorTest } from '@halfhour/observability';
import { BatchHandler } from './batch-handler';

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

export const DEFAULT_RETRY: RetrySettings = { initialDelayMs: 200, maxDelayMs: 30_000, maxAttemptsForUnexpectedErrors: 3 };
