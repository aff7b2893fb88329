import { ReadCommand, ReadResult } from '@halfhour/contracts';
import { ProviderReading } from './provider-client';

/**
 * Data a provider has already returned, kept so a repeat read needs no provider call (the SMETS1
 * cache, R-DEV-2). SMETS2 has none: its end-to-end security model forbids it.
 */
export interface DataCache {
  /** The readings the cache holds for each command, complete or not, by command ID. */
  lookup(commands: readonly ReadCommand[]): Promise<Map<string, ProviderReading>>;
  /** Keeps what the meters returned. */
  store(results: readonly ReadResult[]): Promise<void>;
  /** Forgets what is past its retention; run on an interval. */
  sweep(): Promise<unknown>;
}
