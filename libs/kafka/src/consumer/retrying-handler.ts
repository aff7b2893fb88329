import { backoffDelayMs } from '@halfhour/domain';
import { ConsumerMetrics, JsonLogger, runWithLogContext, TransientErrorTest } from '@halfhour/observability';
import { EachBatchPayload } from 'kafkajs';
import { BatchConsumerOptions, RetrySettings } from './batch-consumer-options';
import { RejectedMessage } from './batch-handler';
import { keepingSessionAlive, pauseKeepingSession } from './batch-session';
import { ConsumedMessage } from './consumed-message';
import { ConsumerState } from './consumer-state';
import { HandlingError, rejectionFrom } from './handling-error';

/**
 * A consumer's handler with its failure rules: a typed retryable failure, or an error of a
 * dependency that is down, is retried with backoff until it passes or the batch is no longer ours;
 * any other failure is retried a few times, then the chunk is split and each message handled alone,
 * so one poison message is rejected (to the DLQ) and never blocks its partition.
 */
export class RetryingHandler<T extends object> {
  constructor(
    private readonly options: Pick<BatchConsumerOptions<T>, 'handler'>,
    private readonly retry: RetrySettings,
    private readonly isTransient: TransientErrorTest,
    private readonly state: ConsumerState,
    private readonly metrics: ConsumerMetrics,
    private readonly logger: JsonLogger,
    private readonly consumerName: string,
  ) {}

  /** Handles `messages`; answers those rejected for good, with their reasons. */
  async handle(messages: readonly ConsumedMessage<T>[], payload: EachBatchPayload): Promise<readonly RejectedMessage<T>[]> {
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
          this.logger.warn({ err: error, consumer: this.consumerName, size: messages.length }, 'batch failed; handling its messages one by one');
          return this.handleOneByOne(messages, payload);
        }
        this.state.status = 'retrying';
        this.state.lastError = error instanceof Error ? error.message : String(error);
        this.metrics.retries.inc({ topic: messages[0].topic });
        const delay = backoffDelayMs(attempt, this.retry);
        this.logger.warn({ err: error, consumer: this.consumerName, attempt, delayMs: delay }, 'batch failed; retrying');
        await pauseKeepingSession(delay, payload);
      }
    }
  }

  private async handleOneByOne(messages: readonly ConsumedMessage<T>[], payload: EachBatchPayload): Promise<RejectedMessage<T>[]> {
    const rejected: RejectedMessage<T>[] = [];
    for (const message of messages) rejected.push(...(await this.handle([message], payload)));
    return rejected;
  }
}
