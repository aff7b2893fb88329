import { BacklogRecount, OwnedGauges } from '@halfhour/service-kit';
import { MpanTimelineUpdated, Topics } from '@halfhour/contracts';
import { KafkaRuntime } from '@halfhour/kafka';
import { TaskRun } from '@halfhour/observability';
import { RegistrationMetrics } from '../metrics/registration-metrics';
import { RegistryRepository, UnpublishedTimeline } from '../registry/registry.repository';

/** Longer than any publish takes; what a crashed relay leased is published again after it. */
const LEASE_SECONDS = 30;

/**
 * Publishes changed timelines to the compacted topic: only what is committed (it reads committed
 * rows), never losing a change (a row stays unpublished until the broker has acknowledged it).
 * A crash between publish and mark re-publishes the same version once the lease expires; a
 * consumer ignores a version it has already seen.
 */
export class TimelineRelay {
  private readonly backlog: BacklogRecount;

  constructor(
    private readonly registry: RegistryRepository,
    private readonly kafka: KafkaRuntime,
    private readonly metrics: RegistrationMetrics,
    private readonly settings: { batchSize: number },
    /** The backlog gauge is counted by one replica (OwnedGauges); every replica relays. */
    backlogGauge: Pick<OwnedGauges, 'measure'>,
  ) {
    this.backlog = new BacklogRecount(backlogGauge, async () => {
      const unpublished = await this.registry.unpublishedCount();
      this.metrics.unpublishedTimelines.set(unpublished);
      return unpublished;
    });
  }

  /** One run of the relay: a batch published, the backlog gauge recounted when due. */
  async relayOnce(): Promise<TaskRun> {
    const published = await this.publishOnce();
    await this.backlog.afterRun(published > 0);
    // A full batch means more are waiting: go again at once.
    return published >= this.settings.batchSize ? 'more' : published > 0 ? 'worked' : 'idle';
  }

  /** Publishes one batch; returns how many timelines went out. */
  async publishOnce(): Promise<number> {
    const leased = await this.registry.leaseUnpublished(this.settings.batchSize, LEASE_SECONDS);
    if (leased.length === 0) return 0;
    const definition = Topics.mpanTimelines.messages[0];
    // Timelines are built by the domain from validated events; timeline-message.spec proves the shape.
    await this.kafka.producer.publish(
      Topics.mpanTimelines,
      leased.map((row) => ({ definition, body: toTimelineMessage(row) })),
      { prevalidated: true },
    );
    await this.registry.markPublished(leased);
    return leased.length;
  }

}

export function toTimelineMessage(row: UnpublishedTimeline): MpanTimelineUpdated {
  const { mdrAppointments, suppliers, consent, devices } = row.timeline;
  return { mpan: row.mpan, version: row.version, mdrAppointments, suppliers, consent, devices, updatedAt: row.updatedAt.toISOString() };
}
