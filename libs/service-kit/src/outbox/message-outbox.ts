import { randomUUID } from 'node:crypto';
import { TopicDefinition, validateMessage } from '@halfhour/contracts';
import { Clock, clockSecondsFor } from '@halfhour/domain';
import { InvalidOutgoingMessage, TopicBatch, TypedProducer } from '@halfhour/kafka';
import { PeriodicTasks, RepeatingTask, TaskRun } from '@halfhour/observability';
import { DataSource, EntityManager } from 'typeorm';

/** Longer than any publish of one batch takes; what a crashed relay leased is published again after it. */
const DEFAULT_LEASE_SECONDS = 30;

interface OutboxRow {
  id: string;
  topic: string;
  messageType: string;
  messageId: string;
  body: object;
  occurredAt: Date;
  deadline: Date | null;
}

/**
 * A transactional outbox: a service writes the messages a change causes in the same transaction as
 * the change (`add`), so a crash never loses one and a rollback never sends one; the relay
 * (`relayOnce`, run as a periodic task) leases the oldest, commits, publishes them, and deletes
 * them once the broker has acknowledged — no network call inside a transaction. A crash between
 * publish and delete publishes the same messages again, with the same message IDs, after the lease
 * (timed on the service's clock, as the DIP outbox's is).
 */
export class MessageOutbox {
  private readonly topics: Map<string, TopicDefinition<any>>;
  private relay?: RepeatingTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: () => TypedProducer,
    private readonly clock: Clock,
    topics: readonly TopicDefinition<any>[],
    private readonly settings: { batchSize: number; leaseSeconds: number } = { batchSize: 2000, leaseSeconds: DEFAULT_LEASE_SECONDS },
  ) {
    this.topics = new Map(topics.map((topic) => [topic.name, topic]));
  }

  /** Runs the relay as one of the service's periodic tasks. */
  relayEvery(tasks: PeriodicTasks, intervalMs: number): void {
    this.relay = tasks.every(intervalMs, 'outbox relay', () => this.relayOnce());
  }

  /** Call after the transaction that added messages has committed: they go now, not at the relay's next interval. */
  publishSoon(): void {
    this.relay?.nudge();
  }

  /** Stores messages in the caller's transaction; each is validated now, so the relay never holds one it may not send. */
  async add(manager: EntityManager, batches: readonly TopicBatch<any>[], options: { prevalidated?: boolean } = {}): Promise<void> {
    const rows: Omit<OutboxRow, 'id'>[] = [];
    const occurredAt = this.clock.now();
    for (const { topic, messages } of batches) {
      if (!this.topics.has(topic.name)) throw new InvalidOutgoingMessage(topic.name, '(any)', 'this outbox does not carry the topic');
      for (const { definition, body, envelope } of messages) {
        if (!topic.messages.includes(definition)) throw new InvalidOutgoingMessage(topic.name, definition.type, 'the topic does not carry this message type');
        if (!options.prevalidated) {
          const validation = validateMessage(definition.messageClass, body);
          if (!validation.ok) throw new InvalidOutgoingMessage(topic.name, definition.type, validation.rejection.message);
        }
        rows.push({ topic: topic.name, messageType: definition.type, messageId: envelope?.messageId ?? randomUUID(), body, occurredAt, deadline: envelope?.deadline ?? null });
      }
    }
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO outbox_messages (topic, message_type, message_id, body, occurred_at, deadline)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::timestamptz[])`,
      [rows.map((r) => r.topic), rows.map((r) => r.messageType), rows.map((r) => r.messageId), rows.map((r) => JSON.stringify(r.body)), rows.map((r) => r.occurredAt), rows.map((r) => r.deadline)],
    );
  }

  /** Publishes one batch of what is waiting; 'more' when a full batch went. */
  async relayOnce(): Promise<TaskRun> {
    const [leased]: [OutboxRow[]] = await this.dataSource.query(
      `UPDATE outbox_messages AS o SET leased_until = $3::timestamptz + make_interval(secs => $2)
       FROM (SELECT id FROM outbox_messages WHERE leased_until IS NULL OR leased_until < $3::timestamptz
             ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) AS due
       WHERE o.id = due.id
       RETURNING o.id, o.topic, o.message_type AS "messageType", o.message_id AS "messageId", o.body, o.occurred_at AS "occurredAt", o.deadline`,
      [this.settings.batchSize, clockSecondsFor(this.clock, this.settings.leaseSeconds), this.clock.now()],
    );
    if (leased.length === 0) return 'idle';
    leased.sort((a, b) => Number(a.id) - Number(b.id));
    await this.producer().publishBatches(batchesOf(leased, this.topics), { prevalidated: true });
    await this.dataSource.query('DELETE FROM outbox_messages WHERE id = ANY($1::bigint[])', [leased.map((row) => row.id)]);
    return leased.length >= this.settings.batchSize ? 'more' : 'worked';
  }
}

/** Consecutive rows of one topic form one batch, so the order within each topic holds. */
function batchesOf(rows: readonly OutboxRow[], topics: ReadonlyMap<string, TopicDefinition<any>>): TopicBatch<any>[] {
  const batches: TopicBatch<any>[] = [];
  for (const row of rows) {
    const topic = topics.get(row.topic)!;
    const definition = topic.messages.find((m) => m.type === row.messageType)!;
    let batch = batches.at(-1);
    if (!batch || batch.topic !== topic) batches.push((batch = { topic, messages: [] }));
    (batch.messages as unknown[]).push({
      definition, body: row.body,
      envelope: { messageId: row.messageId, occurredAt: new Date(row.occurredAt), ...(row.deadline ? { deadline: new Date(row.deadline) } : {}) },
    });
  }
  return batches;
}
