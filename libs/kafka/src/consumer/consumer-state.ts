/**
 * What a consumer is doing, as its liveness probe reports it. `crashed` means kafkajs gave up and
 * will not restart it: the process is alive but useless, so liveness must fail (kafkajs #1443).
 */
export type ConsumerStatus = 'idle' | 'starting' | 'running' | 'retrying' | 'stopping' | 'stopped' | 'crashed';

export interface ConsumerState {
  status: ConsumerStatus;
  /** Why it crashed or is retrying. */
  lastError?: string;
  lastBatchAt?: string;
}
