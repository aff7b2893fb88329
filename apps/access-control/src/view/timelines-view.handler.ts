import { MpanTimelineUpdated } from '@halfhour/contracts';
import { BatchHandler, ConsumedMessage } from '@halfhour/kafka';
import { AccessMetrics } from '../metrics/access-metrics';
import { AccessRepository } from './access-repository';

/** Keeps the local registry view: the latest timeline version of every MPAN. */
export class TimelinesViewHandler implements BatchHandler<MpanTimelineUpdated> {
  constructor(
    private readonly repository: AccessRepository,
    private readonly metrics: AccessMetrics,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<MpanTimelineUpdated>[]): Promise<void> {
    const applied = await this.repository.applyTimelines(messages.map((m) => m.body));
    this.metrics.viewUpdates.inc({ view: 'timelines', outcome: 'applied' }, applied);
    this.metrics.viewUpdates.inc({ view: 'timelines', outcome: 'stale' }, messages.length - applied);
  }
}
