import { ITEM_TRANSITIONS } from '@halfhour/domain';
import { EntityManager } from 'typeorm';

/** A class of released reads, as the replan counts them: alike in provider, kind and window. */
export interface ReleasedGroup {
  provider: string;
  kind: string;
  earliest: Date;
  deadline: Date;
  reads: number;
}

export type ReleasedItem = Omit<ReleasedGroup, 'reads'> & { itemKey: string };

/**
 * The reads a re-plan takes out of their slots, kept in a table of the transaction's own (dropped
 * at commit) rather than in memory: counted by class for the placement, then read back a page at
 * a time in item-key order to be placed again.
 */
export class ReleasedItems {
  /** Every read of `planDay` planned in a slot starting after `after` waits for a slot again (`hasten`); answers how many. */
  async releaseDayAfter(manager: EntityManager, planDay: string, after: Date): Promise<number> {
    await manager.query(`CREATE TEMP TABLE released_items (item_key text PRIMARY KEY, provider text, kind text, earliest timestamptz, deadline timestamptz) ON COMMIT DROP`);
    await manager.query(
      `WITH released AS (
         UPDATE collection_items AS i SET state = $1, slot_start = NULL, updated_at = now()
         FROM (SELECT plan_day, item_key FROM collection_items WHERE plan_day = $2 AND slot_start > $3 AND state = ANY($4::text[]) FOR UPDATE) AS v
         WHERE i.plan_day = v.plan_day AND i.item_key = v.item_key
         RETURNING i.item_key, i.provider, i.kind, i.earliest, i.deadline)
       INSERT INTO released_items SELECT * FROM released`,
      [ITEM_TRANSITIONS.hasten.to, planDay, after, ITEM_TRANSITIONS.hasten.from],
    );
    const [{ released }] = await manager.query('SELECT count(*)::int AS released FROM released_items');
    return released;
  }

  async groups(manager: EntityManager): Promise<ReleasedGroup[]> {
    return manager.query(
      `SELECT provider, kind, earliest, deadline, count(*)::int AS reads FROM released_items GROUP BY provider, kind, earliest, deadline ORDER BY provider, kind, earliest, deadline`,
    );
  }

  async *pages(manager: EntityManager, size: number): AsyncGenerator<ReleasedItem[]> {
    for (let after = ''; ; ) {
      const page: ReleasedItem[] = await manager.query(
        `SELECT item_key AS "itemKey", provider, kind, earliest, deadline FROM released_items WHERE item_key > $1 ORDER BY item_key LIMIT $2`,
        [after, size],
      );
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1].itemKey;
    }
  }
}
