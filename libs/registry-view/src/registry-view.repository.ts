import { MpanTimelineUpdated } from '@halfhour/contracts';
import { MpanTimeline } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';

export interface ViewedTimeline {
  timeline: MpanTimeline;
  version: number;
  updatedAt: Date;
}

/**
 * Whether this view has yet to catch up with the registry another service decided on: each
 * service reads the timelines at its own pace, so access-control may authorise a request on a
 * timeline version this view has not read yet. Acting on the older view would wrongly find no
 * meter, or no entitlement; the caller waits (retries) instead.
 */
export function isViewBehind(viewed: ViewedTimeline | undefined, decidedOnVersion: number): boolean {
  return (viewed?.version ?? 0) < decidedOnVersion;
}

/** The registry view's SQL, set-based. */
export class RegistryViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the highest version per MPAN; an older timeline arriving late changes nothing. Returns MPANs changed. */
  async applyTimelines(timelines: readonly MpanTimelineUpdated[]): Promise<number> {
    const latest = new Map<string, MpanTimelineUpdated>();
    for (const t of timelines) if ((latest.get(t.mpan)?.version ?? 0) < t.version) latest.set(t.mpan, t);
    if (latest.size === 0) return 0;
    const rows = [...latest.values()].map(({ mpan, version, updatedAt, mdrAppointments, suppliers, consent, devices }) => ({
      mpan, version, updated_at: updatedAt, timeline: { mpan, mdrAppointments, suppliers, consent, devices },
    }));
    const changed: unknown[] = await this.dataSource.query(
      `INSERT INTO registry_view (mpan, version, timeline, source_updated_at, received_at)
       SELECT t.mpan, t.version, t.timeline, t.updated_at, now()
       FROM jsonb_to_recordset($1::jsonb) AS t(mpan text, version int, timeline jsonb, updated_at timestamptz)
       ON CONFLICT (mpan) DO UPDATE SET version = EXCLUDED.version, timeline = EXCLUDED.timeline,
         source_updated_at = EXCLUDED.source_updated_at, received_at = now()
       WHERE EXCLUDED.version > registry_view.version
       RETURNING mpan`,
      [JSON.stringify(rows)],
    );
    return changed.length;
  }

  async timelinesOf(mpans: readonly string[], manager: EntityManager | DataSource = this.dataSource): Promise<Map<string, ViewedTimeline>> {
    if (mpans.length === 0) return new Map();
    const rows: { mpan: string; timeline: MpanTimeline; version: number; source_updated_at: Date }[] = await manager.query(
      'SELECT mpan, timeline, version, source_updated_at FROM registry_view WHERE mpan = ANY($1)',
      [[...new Set(mpans)]],
    );
    return new Map(rows.map((r) => [r.mpan, { timeline: r.timeline, version: r.version, updatedAt: r.source_updated_at }]));
  }
}
