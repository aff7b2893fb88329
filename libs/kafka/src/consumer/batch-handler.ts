import { Rejection } from '@halfhour/contracts';
import { ConsumedMessage } from './consumed-message';

export interface RejectedMessage<T> {
  message: ConsumedMessage<T>;
  rejection: Rejection;
}

export interface BatchResult<T> {
  /** Messages the handler refused on domain grounds; they go to the dead-letter topic. */
  rejected: readonly RejectedMessage<T>[];
}

/**
 * Handles a batch of valid messages from one partition, in offset order, durably: when the promise
 * resolves, everything the batch implies is stored (one bulk write, one transaction), because the
 * offset is committed next. Throw TransientFailure for a dependency that is down, MessageRejected
 * for a batch of one that is unacceptable; return per-message rejections in the result.
 * Handlers must be idempotent: after a crash, a batch may be delivered again.
 */
export interface BatchHandler<T> {
  handleBatch(messages: readonly ConsumedMessage<T>[]): Promise<BatchResult<T> | void>;
}
