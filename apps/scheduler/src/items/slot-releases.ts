import { ITEM_TRANSITIONS, MHHS_KINDS } from '@halfhour/domain';
import { DataSource, EntityManager } from 'typeorm';

type Runner = DataSource | EntityManager;

/** How planned reads give their slots back (`hasten`) when a slot is short or capacity is cut: under the placement lock, in the caller's transaction. */
export class SlotReleases {
  /**
   * Earliest-deadline-first when a slot is short: the planned item of `provider` in the earliest
   * slot that starts between `from` and `lastStart`, among those due after `deadline`, is put back
   * to wait for a slot (`hasten`) and its slot is returned for the caller to give away. The
   * earliest, so the urgent read keeps the most time for retries and backstops. Only MHHS reads
   * give way: a BAU read's slot is not MHHS capacity.
   */
  async releaseSlotOfLaterDeadline(runner: Runner, provider: string, from: Date, lastStart: Date, deadline: Date): Promise<Date | undefined> {
    const [rows] = await runner.query(
      `UPDATE collection_items AS i SET state = $1, slot_start = NULL, updated_at = now()
       FROM (SELECT plan_day, item_key, slot_start FROM collection_items
             WHERE provider = $2 AND state = ANY($3::text[]) AND deadline > $6 AND slot_start >= $4 AND slot_start <= $5 AND kind = ANY($7::text[])
             ORDER BY slot_start, deadline DESC LIMIT 1 FOR UPDATE SKIP LOCKED) AS v
       WHERE i.plan_day = v.plan_day AND i.item_key = v.item_key
       RETURNING v.slot_start`,
      [ITEM_TRANSITIONS.hasten.to, provider, ITEM_TRANSITIONS.hasten.from, from, lastStart, deadline, MHHS_KINDS],
    );
    return (rows as { slot_start: Date }[])[0]?.slot_start;
  }

  /**
   * After a capacity cut: up to `count` planned reads of these kinds in one slot of `provider` wait
   * for a slot again (`hasten`), those due last first. Answers how many.
   */
  async releasePlanned(runner: Runner, provider: string, slotStart: Date, kinds: readonly string[], count: number): Promise<number> {
    const [, affected] = await runner.query(
      `UPDATE collection_items AS i SET state = $1, slot_start = NULL, updated_at = now()
       FROM (SELECT plan_day, item_key FROM collection_items
             WHERE provider = $2 AND slot_start = $3 AND state = ANY($4::text[]) AND kind = ANY($5::text[])
             ORDER BY deadline DESC LIMIT $6 FOR UPDATE) AS v
       WHERE i.plan_day = v.plan_day AND i.item_key = v.item_key`,
      [ITEM_TRANSITIONS.hasten.to, provider, slotStart, ITEM_TRANSITIONS.hasten.from, kinds, count],
    );
    return affected;
  }

  /** Whether `releaseSlotOfLaterDeadline` would find a slot to give away, without giving it. */
  async laterDeadlineSlotExists(runner: Runner, provider: string, from: Date, lastStart: Date, deadline: Date): Promise<boolean> {
    const rows = await runner.query(
      `SELECT 1 FROM collection_items WHERE provider = $1 AND state = ANY($2::text[]) AND deadline > $5 AND slot_start >= $3 AND slot_start <= $4 AND kind = ANY($6::text[]) LIMIT 1`,
      [provider, ITEM_TRANSITIONS.hasten.from, from, lastStart, deadline, MHHS_KINDS],
    );
    return rows.length > 0;
  }
}
