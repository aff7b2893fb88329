import { RetentionRule } from '../retention/retention-rule';
import { EntityManager } from 'typeorm';

/**
 * Records the batch's message IDs for the consumer group in one statement and returns the ones
 * not seen before. Call it inside the transaction that applies the batch: if the transaction
 * rolls back, the claims roll back with it. `at` is the service's time (what retention measures
 * claims by; simulated time in a simulation), the database's when not given.
 */
export async function claimNewMessages(
  manager: EntityManager,
  consumerGroup: string,
  messageIds: readonly string[],
  at?: Date,
): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  const rows: { message_id: string }[] = await manager.query(
    `INSERT INTO inbox_messages (consumer_group, message_id, processed_at)
     SELECT $1, id, COALESCE($3::timestamptz, now()) FROM unnest($2::text[]) AS id
     ON CONFLICT DO NOTHING
     RETURNING message_id`,
    [consumerGroup, [...new Set(messageIds)], at ?? null],
  );
  return new Set(rows.map((row) => row.message_id));
}

/** The inbox's retention: claims older than `keepDays` (set longer than the topics keep their messages). */
export function inboxRetention(keepDays: number): RetentionRule {
  return { table: 'inbox_messages', olderThan: 'processed_at', keepDays };
}
