import { MarketParticipantUpdated } from '@halfhour/contracts';
import { Clock, clockSecondsFor, MpanTimeline, RegistrationEvent, systemClock } from '@halfhour/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** The first key of the two-key advisory locks on MPAN buckets; any constant unused elsewhere. */
const MPAN_LOCK_NAMESPACE = 162;

export interface StoredTimeline {
  mpan: string;
  timeline: MpanTimeline;
  version: number;
}

export interface UnpublishedTimeline extends StoredTimeline {
  updatedAt: Date;
}

/** All registry SQL, set-based: one statement per batch, never one per message. */
@Injectable()
export class RegistryRepository {
  /** `clock`: the service's time, written as each row's `updated_at` (simulated time in a simulation). */
  constructor(private readonly dataSource: DataSource, readonly clock: Clock = systemClock) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async rolesOf(mpids: readonly string[]): Promise<Map<string, string[]>> {
    if (mpids.length === 0) return new Map();
    const rows: { mpid: string; roles: string[] }[] = await this.dataSource.query(
      'SELECT mpid, roles FROM market_participants WHERE mpid = ANY($1)',
      [[...new Set(mpids)]],
    );
    return new Map(rows.map((row) => [row.mpid, row.roles]));
  }

  /** Latest record per MPID wins by effective date; the same date replaces (a correction). */
  async upsertParticipants(manager: EntityManager, participants: readonly MarketParticipantUpdated[]): Promise<void> {
    if (participants.length === 0) return;
    await manager.query(
      `INSERT INTO market_participants (mpid, name, roles, effective_from, effective_to, updated_at)
       SELECT p.mpid, p.name, ARRAY(SELECT jsonb_array_elements_text(p.roles)), p.effective_from::date, p.effective_to::date, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS p(mpid text, name text, roles jsonb, effective_from text, effective_to text)
       ON CONFLICT (mpid) DO UPDATE SET name = EXCLUDED.name, roles = EXCLUDED.roles,
         effective_from = EXCLUDED.effective_from, effective_to = EXCLUDED.effective_to, updated_at = EXCLUDED.updated_at
       WHERE EXCLUDED.effective_from >= market_participants.effective_from`,
      [JSON.stringify(lastPerMpid(participants).map((p) => ({
        mpid: p.mpid, name: p.name, roles: p.roles, effective_from: p.effectiveFrom, effective_to: p.effectiveTo ?? null,
      }))), this.clock.now()],
    );
  }

  /**
   * Serialises work on the same MPANs across transactions (the registration and device topics are
   * consumed side by side). MPANs share 1,024 lock buckets, so a batch takes at most that many
   * locks; buckets are locked in order, so two batches cannot deadlock.
   */
  async lockMpans(manager: EntityManager, mpans: readonly string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(${MPAN_LOCK_NAMESPACE}, b) FROM (SELECT DISTINCT hashtext(m) & 1023 AS b FROM unnest($1::text[]) AS m) AS buckets ORDER BY b`,
      [[...new Set(mpans)]],
    );
  }

  /** Stores the events not seen before and returns their message IDs. */
  async insertNewEvents(manager: EntityManager, events: readonly RegistrationEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const rows: { message_id: string }[] = await manager.query(
      `INSERT INTO registration_events (message_id, mpan, kind, event)
       SELECT e->>'messageId', e->>'mpan', e->>'kind', e FROM jsonb_array_elements($1::jsonb) AS e
       ON CONFLICT (message_id) DO NOTHING
       RETURNING message_id`,
      [JSON.stringify(events)],
    );
    return new Set(rows.map((row) => row.message_id));
  }

  async eventsOf(manager: EntityManager, mpans: readonly string[]): Promise<Map<string, RegistrationEvent[]>> {
    const rows: { mpan: string; event: RegistrationEvent }[] = await manager.query(
      'SELECT mpan, event FROM registration_events WHERE mpan = ANY($1)',
      [mpans],
    );
    const byMpan = new Map<string, RegistrationEvent[]>();
    for (const { mpan, event } of rows) {
      const list = byMpan.get(mpan) ?? [];
      list.push(event);
      byMpan.set(mpan, list);
    }
    return byMpan;
  }

  async timelinesOf(manager: EntityManager | DataSource, mpans: readonly string[]): Promise<Map<string, StoredTimeline>> {
    const rows: StoredTimeline[] = await manager.query('SELECT mpan, timeline, version FROM mpan_timelines WHERE mpan = ANY($1)', [mpans]);
    return new Map(rows.map((row) => [row.mpan, row]));
  }

  /**
   * Writes changed timelines with their next version; the relay sees them as unpublished. Rows are
   * written, so locked, in MPAN order, as markPublished locks them: the two cannot deadlock.
   */
  async saveTimelines(manager: EntityManager, timelines: readonly { timeline: MpanTimeline; version: number }[]): Promise<void> {
    if (timelines.length === 0) return;
    const inMpanOrder = [...timelines].sort((a, b) => compareMpans(a.timeline.mpan, b.timeline.mpan));
    await manager.query(
      `INSERT INTO mpan_timelines (mpan, timeline, version, updated_at)
       SELECT t->'timeline'->>'mpan', t->'timeline', (t->>'version')::int, $2::timestamptz FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(t, n)
       ORDER BY n
       ON CONFLICT (mpan) DO UPDATE SET timeline = EXCLUDED.timeline, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(inMpanOrder), this.clock.now()],
    );
  }

  /**
   * Leases unpublished timelines to this relay for `leaseSeconds`, in one short statement: no row
   * lock is held while they are published, so consumers never wait on the broker. Another relay
   * skips leased rows; a lease left by a crash expires, on the service's clock (as the DIP outbox's
   * does), and the rows are published again.
   */
  async leaseUnpublished(limit: number, leaseSeconds: number): Promise<UnpublishedTimeline[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE mpan_timelines AS t SET relay_lease_until = $3::timestamptz + make_interval(secs => $2)
       FROM (SELECT mpan FROM mpan_timelines
             WHERE published_version < version AND (relay_lease_until IS NULL OR relay_lease_until < $3::timestamptz)
             ORDER BY updated_at LIMIT $1 FOR UPDATE SKIP LOCKED) AS due
       WHERE t.mpan = due.mpan
       RETURNING t.mpan, t.timeline, t.version, t.updated_at AS "updatedAt"`,
      [limit, clockSecondsFor(this.clock, leaseSeconds), this.clock.now()],
    );
    return rows;
  }

  /**
   * Records what was published and ends the lease; a newer version written meanwhile stays due.
   * Locks the rows in MPAN order first: an update joined to a list locks them in whatever order
   * its plan reads the table, and against the consumers' writes that deadlocked (bench:intake).
   */
  async markPublished(published: readonly StoredTimeline[]): Promise<void> {
    await this.dataSource.query(
      `WITH locked AS MATERIALIZED (SELECT mpan FROM mpan_timelines WHERE mpan = ANY($1::text[]) ORDER BY mpan COLLATE "C" FOR UPDATE)
       UPDATE mpan_timelines AS t SET published_version = GREATEST(t.published_version, p.version), relay_lease_until = NULL
       FROM unnest($1::text[], $2::int[]) AS p(mpan, version), locked WHERE t.mpan = p.mpan AND locked.mpan = p.mpan`,
      [published.map((p) => p.mpan), published.map((p) => p.version)],
    );
  }

  async unpublishedCount(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM mpan_timelines WHERE published_version < version');
    return row.n;
  }
}

/** MPANs are digits: code-unit order is the database's "C" order, whatever its default collation. */
function compareMpans(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lastPerMpid(participants: readonly MarketParticipantUpdated[]): MarketParticipantUpdated[] {
  const latest = new Map<string, MarketParticipantUpdated>();
  for (const p of participants) {
    const seen = latest.get(p.mpid);
    if (!seen || p.effectiveFrom >= seen.effectiveFrom) latest.set(p.mpid, p);
  }
  return [...latest.values()];
}
