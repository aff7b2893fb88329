/**
 * What a consumer is doing, as its liveness probe reports it. When kafkajs gives up on a consumer
 * (it does not restart after some errors, e.g. no group coordinator found while the broker is
 * fenced: kafkajs #1443) we start it again ourselves, with backoff: `restarting`. `crashed` means
 * it has crashed again and again without handling a batch in between: the process is alive but
 * useless, so liveness fails (while the restarts go on).
 */
export type ConsumerStatus = 'idle' | 'starting' | 'running' | 'retrying' | 'restarting' | 'stopping' | 'stopped' | 'crashed';

export interface ConsumerState {
  status: ConsumerStatus;
  /** Why it crashed or is retrying. */
  lastError?: string;
  lastBatchAt?: string;
}
