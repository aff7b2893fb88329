import { RequestAuthorised } from '@halfhour/contracts';
import { EntityManager } from 'typeorm';

/** What one kind of authorised request does, inside the transaction that claimed its messages. */
export interface RequestKindHandler {
  readonly kind: string;
  accepts(request: RequestAuthorised): boolean;
  /** Before the transaction: set-up that must not roll back with it (a partition to write into). */
  prepare?(now: Date): Promise<void>;
  /** First in the transaction, before any kind writes: the locks its writes need, so none is taken while holding a row another waits on. */
  lock?(manager: EntityManager, requests: readonly RequestAuthorised[], now: Date): Promise<void>;
  handle(manager: EntityManager, requests: readonly RequestAuthorised[], now: Date): Promise<void>;
}
