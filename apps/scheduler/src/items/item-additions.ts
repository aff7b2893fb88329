import { EntityManager } from 'typeorm';
import { SCHEDULER_LOCKS } from './advisory-locks';
import { copyItems } from './copy-items';
import { combineSameItem, MergedRow, mergeRow, refKey } from './item-merging';
import { itemColumns, ItemRef, ItemRow } from './item-row';
import { storedRequesterColumns } from './stored-requesters';

const INSERT_CHUNK = 10_000;

/** How items come into a plan day — the plan's COPY, merged inserts — and the day lock that keeps them from its plan. */
export class ItemAdditions {
  /**
   * Writes into `planDays` beside other such writers, never beside their plans, which hold the
   * day's writes lock exclusively while they write (PlanSession): without it, the plan's COPY and
   * an on-demand insert of the same items in another order each waited for the other, a deadlock
   * in which PostgreSQL cancelled the plan. Taken before any item row is locked, in one order, so
   * no two writers wait on each other.
   */
  async shareDays(manager: EntityManager, planDays: readonly string[]): Promise<void> {
    for (const day of [...new Set(planDays)].sort()) await manager.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [SCHEDULER_LOCKS.dayWrites, day]);
  }

  /**
   * Adds items; where one already stands for the same data in the same plan day, the domain merges
   * the new one into it (collect once, `mergeIntoItem`) and this only writes the outcome. The rows
   * merged into are locked first; a row another transaction inserts meanwhile is merged into on
   * the next round, so no requester is ever lost to a race. Never beside the plan of a day it
   * writes into (shareDays).
   */
  async addMerging(manager: EntityManager, items: readonly ItemRow[]): Promise<void> {
    await this.shareDays(manager, items.map((item) => item.planDay));
    let pending = combineSameItem(items);
    while (pending.length > 0) {
      const existing = new Map((await this.lock(manager, pending)).map((row) => [refKey(row), row]));
      const merged = pending.flatMap((item) => {
        const stored = existing.get(refKey(item));
        return stored ? [mergeRow(stored, item)] : [];
      });
      await this.writeMerged(manager, merged);
      const fresh = pending.filter((item) => !existing.has(refKey(item)));
      const inserted = new Set((await this.insertNew(manager, fresh)).map(refKey));
      pending = fresh.filter((item) => !inserted.has(refKey(item)));
    }
  }

  /** Items known to be new (a fresh day's plan), streamed in with COPY: several times faster than INSERT. */
  async addNew(manager: EntityManager, items: readonly ItemRow[]): Promise<void> {
    await copyItems(manager, items);
  }

  /** Which of these item keys a plan day already holds. */
  async existingKeys(manager: EntityManager, planDay: string, itemKeys: readonly string[]): Promise<Set<string>> {
    if (itemKeys.length === 0) return new Set();
    const rows: { item_key: string }[] = await manager.query('SELECT item_key FROM collection_items WHERE plan_day = $1 AND item_key = ANY($2::text[])', [planDay, itemKeys]);
    return new Set(rows.map((r) => r.item_key));
  }

  /** Inserts what is not there yet; answers the rows it inserted (a conflict is left for the caller to merge). */
  private async insertNew(manager: EntityManager, items: readonly ItemRow[]): Promise<ItemRef[]> {
    const inserted: ItemRef[] = [];
    for (let i = 0; i < items.length; i += INSERT_CHUNK) {
      const chunk = items.slice(i, i + INSERT_CHUNK);
      const column = <K extends keyof ItemRow>(key: K) => chunk.map((item) => item[key]);
      const requesters = storedRequesterColumns(chunk);
      inserted.push(...(await manager.query(
        `INSERT INTO collection_items (plan_day, item_key, mpan, device_id, provider, srv, data_day, kind, state, slot_start, earliest, deadline, schedule_refs, requesters)
         SELECT plan_day, item_key, mpan, device_id, provider, srv, data_day, kind, state, slot_start, earliest, deadline, schedule_refs::bigint[], requesters
         FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::text[], $9::text[],
           $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::jsonb[])
           AS u(plan_day, item_key, mpan, device_id, provider, srv, data_day, kind, state, slot_start, earliest, deadline, schedule_refs, requesters)
         ON CONFLICT (plan_day, item_key) DO NOTHING
         RETURNING plan_day::text AS "planDay", item_key AS "itemKey"`,
        [
          column('planDay'), column('itemKey'), column('mpan'), column('deviceId'), column('provider'), column('srv'), column('dataDay'),
          column('kind'), column('state'), column('slotStart'), column('earliest'), column('deadline'), requesters.scheduleRefs, requesters.others,
        ],
      )));
    }
    return inserted;
  }

  private async lock(manager: EntityManager, refs: readonly ItemRef[]): Promise<ItemRow[]> {
    return manager.query(
      `SELECT ${itemColumns()} FROM collection_items WHERE (plan_day, item_key) IN (SELECT * FROM unnest($1::date[], $2::text[])) FOR UPDATE`,
      [refs.map((r) => r.planDay), refs.map((r) => r.itemKey)],
    );
  }

  private async writeMerged(manager: EntityManager, merged: readonly MergedRow[]): Promise<void> {
    if (merged.length === 0) return;
    const requesters = storedRequesterColumns(merged.map((m) => m.row));
    await manager.query(
      `UPDATE collection_items AS i SET state = u.state, kind = u.kind, schedule_refs = u.schedule_refs::bigint[], requesters = u.requesters,
         earliest = u.earliest, deadline = u.deadline, slot_start = u.slot_start, completed_at = CASE WHEN u.reopened THEN NULL ELSE i.completed_at END, updated_at = now()
       FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::bool[])
         AS u(plan_day, item_key, state, kind, schedule_refs, requesters, earliest, deadline, slot_start, reopened)
       WHERE i.plan_day = u.plan_day AND i.item_key = u.item_key`,
      [
        merged.map((m) => m.row.planDay), merged.map((m) => m.row.itemKey), merged.map((m) => m.row.state), merged.map((m) => m.row.kind),
        requesters.scheduleRefs, requesters.others, merged.map((m) => m.row.earliest), merged.map((m) => m.row.deadline),
        merged.map((m) => m.row.slotStart), merged.map((m) => m.reopened),
      ],
    );
  }
}
