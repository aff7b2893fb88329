import { DccUserDeleted, DccUserUpdated } from '@halfhour/contracts';
import { DccUser } from '@halfhour/domain';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditQuery, DecisionRecord } from './decision-record';

export type { AuditPosition, AuditQuery, DecisionFilter, DecisionRecord, PublishedOutput } from './decision-record';

/** The first key of the two-key advisory locks on users' counters; any constant unused elsewhere. */
const COUNTER_LOCK_NAMESPACE = 163;

/** All access-control SQL, set-based: one statement per batch, never one per request. */
@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Each user's last record in log order (a batch is one partition's, in offset order; a user's
   * records share its partition) replaces what is held. Not by the producer's `updatedAt`: one
   * record dated in the future would otherwise refuse every later one, revocations included. A
   * user whose last record is a deletion (a tombstone) is removed: no key of it verifies again.
   * Its counter stays, so a user ID registered again cannot have old requests replayed.
   * Returns users changed.
   */
  async applyUsers(records: readonly (DccUserUpdated | DccUserDeleted)[]): Promise<number> {
    const last = new Map<string, DccUserUpdated | DccUserDeleted>();
    for (const record of records) last.set(record.userId, record);
    const deleted = [...last.values()].filter((record) => !('mpid' in record)).map((record) => record.userId);
    const latest = [...last.values()].filter((record): record is DccUserUpdated => 'mpid' in record);
    // Through a CTE: a bare DELETE … RETURNING comes back from TypeORM as [rows, count].
    const removed: unknown[] = deleted.length === 0 ? [] : await this.dataSource.query(
      'WITH removed AS (DELETE FROM dcc_users WHERE user_id = ANY($1) RETURNING user_id) SELECT user_id FROM removed',
      [deleted],
    );
    if (latest.length === 0) return removed.length;
    const changed: unknown[] = await this.dataSource.query(
      `INSERT INTO dcc_users (user_id, record, updated_at)
       SELECT u.user_id, u.record, u.updated_at FROM jsonb_to_recordset($1::jsonb) AS u(user_id text, record jsonb, updated_at timestamptz)
       ON CONFLICT (user_id) DO UPDATE SET record = EXCLUDED.record, updated_at = EXCLUDED.updated_at
       RETURNING user_id`,
      [JSON.stringify(latest.map((u) => ({ user_id: u.userId, record: u, updated_at: u.updatedAt })))],
    );
    return removed.length + changed.length;
  }

  async usersOf(userIds: readonly string[]): Promise<Map<string, DccUser>> {
    if (userIds.length === 0) return new Map();
    const rows: { user_id: string; record: DccUserUpdated }[] = await this.dataSource.query(
      'SELECT user_id, record FROM dcc_users WHERE user_id = ANY($1)',
      [[...new Set(userIds)]],
    );
    return new Map(rows.map((r) => [r.user_id, toDccUser(r.record)]));
  }

  /**
   * Locks the users' counters for the transaction (advisory locks, so users without a row yet are
   * locked too; in hash order, so two batches cannot deadlock) and reads them.
   */
  async lockCounters(manager: EntityManager, userIds: readonly string[]): Promise<Map<string, bigint>> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return new Map();
    await manager.query(
      `SELECT pg_advisory_xact_lock(${COUNTER_LOCK_NAMESPACE}, h) FROM (SELECT DISTINCT hashtext(u) AS h FROM unnest($1::text[]) AS u) AS hashes ORDER BY h`,
      [unique],
    );
    const rows: { user_id: string; last_counter: string }[] = await manager.query(
      'SELECT user_id, last_counter::text AS last_counter FROM user_counters WHERE user_id = ANY($1)',
      [unique],
    );
    return new Map(rows.map((r) => [r.user_id, BigInt(r.last_counter)]));
  }

  async saveCounters(manager: EntityManager, counters: ReadonlyMap<string, bigint>): Promise<void> {
    if (counters.size === 0) return;
    await manager.query(
      `INSERT INTO user_counters (user_id, last_counter, updated_at)
       SELECT c.user_id, c.last_counter::numeric, now() FROM jsonb_to_recordset($1::jsonb) AS c(user_id text, last_counter text)
       ON CONFLICT (user_id) DO UPDATE SET last_counter = GREATEST(user_counters.last_counter, EXCLUDED.last_counter), updated_at = now()`,
      [JSON.stringify([...counters].map(([user_id, counter]) => ({ user_id, last_counter: counter.toString() })))],
    );
  }

  /** Decisions already taken for these request messages: a redelivery finds them here. */
  async decisionsOf(manager: EntityManager, messageIds: readonly string[]): Promise<Map<string, DecisionRecord>> {
    if (messageIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await manager.query(`${SELECT_DECISIONS} WHERE message_id = ANY($1)`, [[...new Set(messageIds)]]);
    return new Map(rows.map((row) => [row.messageId as string, row as unknown as DecisionRecord]));
  }

  async saveDecisions(manager: EntityManager, decisions: readonly DecisionRecord[]): Promise<void> {
    if (decisions.length === 0) return;
    await manager.query(
      `INSERT INTO access_decisions (message_id, request_id, user_id, role, srv, mpan, authorised, reason, response_code, message,
         decided_at, matrix_version, trt_policy, relationship_policy, consent_reference, registry_version, registry_updated_at, output)
       SELECT d."messageId", d."requestId", d."userId", d.role, d.srv, d.mpan, d.authorised, d.reason, d."responseCode", d.message,
         d."decidedAt", d."matrixVersion", d."trtPolicy", d."relationshipPolicy", d."consentReference", d."registryVersion", d."registryUpdatedAt", d.output
       FROM jsonb_to_recordset($1::jsonb) AS d("messageId" text, "requestId" text, "userId" text, role text, srv text, mpan text,
         authorised boolean, reason text, "responseCode" text, message text, "decidedAt" timestamptz, "matrixVersion" text,
         "trtPolicy" text, "relationshipPolicy" text, "consentReference" text, "registryVersion" int, "registryUpdatedAt" timestamptz, output jsonb)
       ON CONFLICT (message_id) DO NOTHING`,
      [JSON.stringify(decisions)],
    );
  }

  /** Decisions made in [since, until), by outcome, response code, reason and role. */
  decisionCounts(since: Date, until: Date): Promise<{ authorised: boolean; responseCode: string; reason: string | null; role: string; decisions: number }[]> {
    return this.dataSource.query(
      `SELECT authorised, response_code AS "responseCode", reason, role, count(*)::int AS decisions FROM access_decisions
       WHERE decided_at >= $1 AND decided_at < $2 GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC, 2, 3, 4`,
      [since, until],
    );
  }

  /** A page of the audit, keyset-paged on (decided_at, message_id): a page costs the same wherever it starts. */
  async audit(query: AuditQuery): Promise<DecisionRecord[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const where = (sql: string, ...values: unknown[]) => {
      conditions.push(sql.replace(/\?/g, () => `$${parameters.push(values.shift())}`));
    };
    const oldestFirst = query.order === 'oldest';
    if (query.userId) where('user_id = ?', query.userId);
    if (query.mpan) where('mpan = ?', query.mpan);
    if (query.since) where('decided_at >= ?', query.since);
    if (query.until) where('decided_at < ?', query.until);
    if (query.decision === 'authorised' || query.decision === 'refused') where('authorised = ?', query.decision === 'authorised');
    else if (query.decision) where('response_code = ?', query.decision.responseCode);
    if (query.after) where(`(decided_at, message_id) ${oldestFirst ? '>' : '<'} (?, ?)`, query.after.decidedAt, query.after.messageId);
    const direction = oldestFirst ? 'ASC' : 'DESC';
    return this.dataSource.query(
      `${SELECT_DECISIONS} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY decided_at ${direction}, message_id ${direction} LIMIT $${parameters.push(query.limit)}`,
      parameters,
    );
  }
}

const SELECT_DECISIONS = `SELECT message_id AS "messageId", request_id AS "requestId", user_id AS "userId", role, srv, mpan, authorised,
  reason, response_code AS "responseCode", message, decided_at AS "decidedAt", matrix_version AS "matrixVersion",
  trt_policy AS "trtPolicy", relationship_policy AS "relationshipPolicy", consent_reference AS "consentReference", registry_version AS "registryVersion", registry_updated_at AS "registryUpdatedAt", output
  FROM access_decisions`;

function toDccUser(record: DccUserUpdated): DccUser {
  return {
    userId: record.userId,
    mpid: record.mpid,
    roles: record.roles,
    keys: record.keys.map((key) => ({
      keyId: key.keyId,
      role: key.role,
      publicKeyPem: key.publicKeyPem,
      validFrom: new Date(key.validFrom),
      ...(key.validTo ? { validTo: new Date(key.validTo) } : {}),
      ...(key.revokedAt ? { revokedAt: new Date(key.revokedAt) } : {}),
    })),
  };
}
