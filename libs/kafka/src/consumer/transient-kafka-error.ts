import { errorChain } from '@halfhour/observability';
import { KafkaJSError } from 'kafkajs';

/**
 * A broker error that passes by itself (a broker restarting, a leader moving, a request timing
 * out): kafkajs marks those retriable, and when its own retries run out it wraps the last one, so
 * the chain is searched. A non-retriable error (a record too large, an unknown topic) is not.
 */
export function isTransientKafkaError(error: unknown): boolean {
  return errorChain(error).some((link) => link instanceof KafkaJSError && link.retriable);
}
