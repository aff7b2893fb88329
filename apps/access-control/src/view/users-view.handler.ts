import { DccUserDeleted, DccUserUpdated } from '@halfhour/contracts';
import { BatchHandler, ConsumedMessage } from '@halfhour/kafka';
import { AccessMetrics } from '../metrics/access-metrics';
import { AccessRepository } from './access-repository';

/** Keeps the local copy of the DCC user registry: roles, keys, revocations, deletions. */
export class UsersViewHandler implements BatchHandler<DccUserUpdated | DccUserDeleted> {
  constructor(
    private readonly repository: AccessRepository,
    private readonly metrics: AccessMetrics,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<DccUserUpdated | DccUserDeleted>[]): Promise<void> {
    const applied = await this.repository.applyUsers(messages.map((m) => m.body));
    this.metrics.viewUpdates.inc({ view: 'users', outcome: 'applied' }, applied);
    this.metrics.viewUpdates.inc({ view: 'users', outcome: 'stale' }, messages.length - applied);
  }
}
