import { RequestAuthorised } from '@halfhour/contracts';
import { addDays, CalendarDate, settlementDayOf } from '@halfhour/domain';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { DataSource, EntityManager } from 'typeorm';
import { ItemRepository } from '../items/item-repository';
import { addOnDemandItems, chunkOfDays, ON_DEMAND_CHUNK_DAYS, onDemandItemsOf } from './on-demand-items';

interface ExpansionRow {
  request_message_id: string;
  request: RequestAuthorised;
  next_day: string;
}

/**
 * The rest of long on-demand requests, turned into items a chunk of days per request per
 * transaction: the chunk's items and the request's next day are written together, so a crash
 * redoes one chunk at most and loses none. Replicas share the work (SKIP LOCKED).
 */
export class OnDemandExpansions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ItemRepository,
    private readonly registryView: Pick<RegistryViewRepository, 'timelinesOf'>,
  ) {}

  /** Remembers requests with days left after their first chunk. */
  async add(manager: EntityManager, pending: readonly { request: RequestAuthorised; next: CalendarDate }[], now: Date): Promise<void> {
    if (pending.length === 0) return;
    await manager.query(
      `INSERT INTO on_demand_expansions (request_message_id, request, next_day, created_at)
       SELECT p.id, p.request, p.next_day::date, $2 FROM jsonb_to_recordset($1::jsonb) AS p(id text, request jsonb, next_day text)
       ON CONFLICT (request_message_id) DO NOTHING`,
      [JSON.stringify(pending.map((p) => ({ id: p.request.requestMessageId, request: p.request, next_day: p.next }))), now],
    );
  }

  /** Expands one chunk of up to `limit` days' worth of requests; returns how many requests it moved on. */
  async expandSome(now: Date, limit: number): Promise<number> {
    const today = settlementDayOf(now);
    return this.dataSource.transaction(async (manager) => {
      await this.items.shareDays(manager, [today, addDays(today, 1)]);
      const rows: ExpansionRow[] = await manager.query(
        `SELECT request_message_id, request, next_day::text AS next_day FROM on_demand_expansions
         ORDER BY created_at, request_message_id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [Math.max(1, Math.floor(limit / ON_DEMAND_CHUNK_DAYS))],
      );
      if (rows.length === 0) return 0;
      const timelines = await this.registryView.timelinesOf(rows.map((r) => r.request.mpan), manager);
      const chunks = rows.map((row) => ({ row, ...chunkOfDays(row.request, row.next_day, today) }));
      await addOnDemandItems(this.items, manager, chunks.flatMap(({ row, days }) => onDemandItemsOf(row.request, days, timelines.get(row.request.mpan)?.timeline, today, now)), today);
      const done = chunks.filter((c) => c.next === undefined).map((c) => c.row.request_message_id);
      await manager.query('DELETE FROM on_demand_expansions WHERE request_message_id = ANY($1)', [done]);
      const moved = chunks.filter((c) => c.next !== undefined).map((c) => ({ id: c.row.request_message_id, next_day: c.next }));
      await manager.query(
        `UPDATE on_demand_expansions e SET next_day = m.next_day::date FROM jsonb_to_recordset($1::jsonb) AS m(id text, next_day text) WHERE e.request_message_id = m.id`,
        [JSON.stringify(moved)],
      );
      return rows.length;
    });
  }
}
