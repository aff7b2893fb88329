import { MpanTimelineUpdated } from '@halfhour/contracts';
import { BatchHandler, ConsumedMessage } from '@halfhour/kafka';
import { RegistryViewRepository } from './registry-view.repository';

/** Keeps the local registry view: the latest timeline version of every MPAN. */
export class TimelinesViewHandler implements BatchHandler<MpanTimelineUpdated> {
  constructor(
    private readonly repository: RegistryViewRepository,
    /** Told how many messages changed the view and how many were stale or repeated. */
    private readonly counted: (applied: number, stale: number) => void = () => undefined,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<MpanTimelineUpdated>[]): Promise<void> {
    const applied = await this.repository.applyTimelines(messages.map((m) => m.body));
    this.counted(applied, messages.length - applied);
  }
}
