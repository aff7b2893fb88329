import { effectsOf, ITEM_TRANSITIONS, ItemEvent } from '@halfhour/domain';
import { DayPartitions } from '@halfhour/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { SCHEDULER_LOCKS } from './advisory-locks';
import { ItemAdditions } from './item-additions';
import { SlotReleases } from './slot-releases';
import { ItemChanges, itemColumns, ItemRef, ItemRow } from './item-row';
import { storedRequesterColumns } from './stored-requesters';

type Runner = DataSource | EntityManager;

/**
 * The collection items' SQL. Every write is set-based (unnest arrays, one statement per chunk),
 * and every change of state goes through `transition`, whose WHERE clause is the domain's
 * transition table: a row changes only from a state its event allows.
 */
export class ItemRepository {
  private readonly partitions: DayPartitions;
  private readonly additions = new ItemAdditions();
  private readonly releases = new SlotReleases();

  constructor(readonly dataSource: DataSource) {
    this.partitions = new DayPartitions(dataSource, 'collection_items');
  }

  inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Only one placer spends spare capacity at a time: the lock is held until the transaction ends. */
  async lockPlacement(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SCHEDULER_LOCKS.placement]);
  }

  /** Creates the plan day's partition if missing (once, under an advisory lock). */
  ensurePartition(planDay: string): Promise<void> {
    return this.partitions.ensure([planDay]);
  }

  shareDays(manager: EntityManager, planDays: readonly string[]): Promise<void> {
    return this.additions.shareDays(manager, planDays);
  }

  addMerging(manager: EntityManager, items: readonly ItemRow[]): Promise<void> {
    return this.additions.addMerging(manager, items);
  }

  addNew(manager: EntityManager, items: readonly ItemRow[]): Promise<void> {
    return this.additions.addNew(manager, items);
  }

  existingKeys(manager: EntityManager, planDay: string, itemKeys: readonly string[]): Promise<Set<string>> {
    return this.additions.existingKeys(manager, planDay, itemKeys);
  }

  /** See SlotReleases. */
  releaseSlotOfLaterDeadline(...args: Parameters<SlotReleases['releaseSlotOfLaterDeadline']>): Promise<Date | undefined> {
    return this.releases.releaseSlotOfLaterDeadline(...args);
  }

  releasePlanned(...args: Parameters<SlotReleases['releasePlanned']>): Promise<number> {
    return this.releases.releasePlanned(...args);
  }

  laterDeadlineSlotExists(...args: Parameters<SlotReleases['laterDeadlineSlotExists']>): Promise<boolean> {
    return this.releases.laterDeadlineSlotExists(...args);
  }

  /**
   * Applies one event to many items at once, from the states the event allows; `set` gives each
   * item's other new column values. Returns the rows that changed, as they are now.
   */
  async transition(runner: Runner, event: ItemEvent, refs: readonly (ItemRef & ItemChanges)[]): Promise<ItemRow[]> {
    if (refs.length === 0) return [];
    const { from, to } = ITEM_TRANSITIONS[event];
    const effects = effectsOf(event);
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = await runner.query(
      `UPDATE collection_items AS i SET state = $1, updated_at = now(),
         slot_start = COALESCE(u.slot_start, i.slot_start), kind = COALESCE(u.kind, i.kind),
         failure_reason = CASE WHEN $10 THEN u.failure_reason ELSE i.failure_reason END,
         attempt = i.attempt + CASE WHEN $11 THEN 1 ELSE 0 END,
         dispatched_at = CASE WHEN $11 THEN COALESCE(u.at, now()) ELSE i.dispatched_at END,
         completed_at = CASE WHEN $12 THEN COALESCE(u.at, now()) ELSE i.completed_at END
       FROM unnest($3::date[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::timestamptz[], $9::int[])
         AS u(plan_day, item_key, slot_start, kind, failure_reason, at, attempt)
       WHERE i.plan_day = u.plan_day AND i.item_key = u.item_key AND i.state = ANY($2::text[])
         AND (u.attempt IS NULL OR i.attempt = u.attempt)
       RETURNING ${itemColumns('i')}`,
      [
        to, from,
        refs.map((r) => r.planDay), refs.map((r) => r.itemKey), refs.map((r) => r.slotStart ?? null), refs.map((r) => r.kind ?? null),
        refs.map((r) => r.failureReason ?? null), refs.map((r) => r.at ?? null), refs.map((r) => r.attempt ?? null),
        effects.recordsFailure, effects.startsAttempt, effects.completes,
      ],
    );
    return rows;
  }

  /**
   * Locks the items whose slot has come, for this transaction. SKIP LOCKED lets replicas work side
   * by side without ever taking the same item; the caller dispatches them before it commits. One
   * state, compared as one: the index by state and slot then hands them over in slot order and
   * the LIMIT stops the scan; `state = ANY(…)` made PostgreSQL 15 fetch and sort every due item
   * for each round (a million on a national day, the 1,000,000 bench's second finding).
   */
  async lockDue(runner: Runner, now: Date, limit: number): Promise<ItemRow[]> {
    const [dispatchable] = ITEM_TRANSITIONS.dispatch.from;
    return runner.query(
      `SELECT ${itemColumns()} FROM collection_items WHERE state = $1 AND slot_start <= $2
       ORDER BY slot_start LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [dispatchable, now, limit],
    );
  }

  /** Replaces items' requesters (those no longer entitled are dropped once, and told once). */
  async setRequesters(runner: Runner, items: readonly (ItemRef & Pick<ItemRow, 'requesters'>)[]): Promise<void> {
    if (items.length === 0) return;
    const requesters = storedRequesterColumns(items);
    await runner.query(
      `UPDATE collection_items AS i SET schedule_refs = u.schedule_refs::bigint[], requesters = u.requesters, updated_at = now()
       FROM unnest($1::date[], $2::text[], $3::text[], $4::jsonb[]) AS u(plan_day, item_key, schedule_refs, requesters)
       WHERE i.plan_day = u.plan_day AND i.item_key = u.item_key`,
      [items.map((i) => i.planDay), items.map((i) => i.itemKey), requesters.scheduleRefs, requesters.others],
    );
  }

  /** Finished items read again for these requesters alone (`reopen`). */
  async reopenFor(runner: Runner, items: readonly (ItemRef & Pick<ItemRow, 'requesters'>)[]): Promise<void> {
    if (items.length === 0) return;
    const requesters = storedRequesterColumns(items);
    await runner.query(
      `UPDATE collection_items AS i SET state = $1, schedule_refs = u.schedule_refs::bigint[], requesters = u.requesters, slot_start = NULL, completed_at = NULL, updated_at = now()
       FROM unnest($3::date[], $4::text[], $5::text[], $6::jsonb[]) AS u(plan_day, item_key, schedule_refs, requesters)
       WHERE i.plan_day = u.plan_day AND i.item_key = u.item_key AND i.state = ANY($2::text[])`,
      [ITEM_TRANSITIONS.reopen.to, ITEM_TRANSITIONS.reopen.from, items.map((i) => i.planDay), items.map((i) => i.itemKey), requesters.scheduleRefs, requesters.others],
    );
  }

  /** For each item key, the latest of `planDays` that already holds an item for it. */
  async latestPlanDayOf(runner: Runner, itemKeys: readonly string[], planDays: readonly string[]): Promise<Map<string, string>> {
    if (itemKeys.length === 0) return new Map();
    const rows: { item_key: string; plan_day: string }[] = await runner.query(
      `SELECT item_key, max(plan_day)::text AS plan_day FROM collection_items
       WHERE plan_day = ANY($1::date[]) AND item_key = ANY($2::text[]) GROUP BY item_key`,
      [planDays, itemKeys],
    );
    return new Map(rows.map((row) => [row.item_key, row.plan_day]));
  }

  /** Items waiting for a slot: never placed, or failed and not yet backstopped, still before their deadline. */
  async awaitingSlot(now: Date, limit: number): Promise<ItemRow[]> {
    return this.dataSource.query(
      `SELECT ${itemColumns()} FROM collection_items WHERE state = ANY($1::text[]) AND deadline > $2 ORDER BY deadline LIMIT $3`,
      [ITEM_TRANSITIONS.place.from, now, limit],
    );
  }

  async pastDeadline(now: Date, limit: number): Promise<ItemRow[]> {
    return this.dataSource.query(
      `SELECT ${itemColumns()} FROM collection_items WHERE state = ANY($1::text[]) AND deadline <= $2 LIMIT $3`,
      [ITEM_TRANSITIONS.expire.from, now, limit],
    );
  }

  async dispatchedBefore(instant: Date, limit: number): Promise<ItemRow[]> {
    return this.dataSource.query(
      `SELECT ${itemColumns()} FROM collection_items WHERE state = ANY($1::text[]) AND dispatched_at < $2 LIMIT $3`,
      [ITEM_TRANSITIONS.fail.from, instant, limit],
    );
  }

  async find(refs: readonly ItemRef[]): Promise<ItemRow[]> {
    if (refs.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${itemColumns()} FROM collection_items WHERE (plan_day, item_key) IN (SELECT * FROM unnest($1::date[], $2::text[]))`,
      [refs.map((r) => r.planDay), refs.map((r) => r.itemKey)],
    );
  }

  /**
   * Reads per provider, slot and kind in [from, to), of any plan day and state: a slot once used
   * stays used. Read inside the placement lock's transaction (`runner`), so what it says still holds
   * when the placement is written.
   */
  async slotLoads(from: Date, to: Date, runner: Runner = this.dataSource): Promise<{ provider: string; slotStart: Date; kind: string; reads: number }[]> {
    return runner.query(
      `SELECT provider, slot_start AS "slotStart", kind, count(*)::int AS reads FROM collection_items
       WHERE slot_start >= $1 AND slot_start < $2 GROUP BY provider, slot_start, kind`,
      [from, to],
    );
  }

}
