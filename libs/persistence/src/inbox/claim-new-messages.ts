import { EntityManager } from 'typeorm';
import { RetentionRule } from '../retention/retention-rule';
import { consumerGroupIdOf } from './inbox-consumer-groups';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Records the batch's message IDs for the consumer group in one statement and returns the ones
 * not seen before. Call it inside the transaction that applies the batch: if the transaction
 * rolls back, the claims roll back with it. `at` is the service's time (what retention measures
 * claims by; simulated time in a simulation), the database's when not given.
 *
 * IDs are UUIDs (the envelope's check makes sure of it), compared as UUIDs: two that differ only in
 * letter case are one message. Each claimed ID comes back as it was given.
 */
export async function claimNewMessages(
  manager: EntityManager,
  consumerGroup: string,
  messageIds: readonly string[],
  at?: Date,
): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const notUuid = messageIds.find((id) => !UUID.test(id));
  if (notUuid !== undefined) throw new RangeError(`an inbox claims UUIDs only, not ${JSON.stringify(notUuid)}`);
  const given = new Map<string, string>();
  for (const id of messageIds) if (!given.has(id.toLowerCase())) given.set(id.toLowerCase(), id);
  const groupId = await consumerGroupIdOf(manager, consumerGroup);
  const rows: { message_id: string }[] = await manager.query(
    `INSERT INTO inbox_messages (consumer_group_id, message_id, processed_at)
     SELECT $1, id, COALESCE($3::timestamptz, now()) FROM unnest($2::uuid[]) AS id
     ON CONFLICT DO NOTHING
     RETURNING message_id::text AS message_id`,
    [groupId, [...given.keys()], at ?? null],
  );
  return new Set(rows.map((row) => given.get(row.message_id)!));
}

/** The inbox's retention: claims older than `keepDays` (set longer than the topics keep their messages). */
export function inboxRetention(keepDays: number): RetentionRule {
  return { table: 'inbox_messages', olderThan: 'processed_at', keepDays };
}
