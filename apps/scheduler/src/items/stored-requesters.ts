import { RequesterDto } from '@halfhour/contracts';

/**
 * An item's requester as the scheduler keeps it. A schedule's requester is stored as the schedule's
 * `ref` alone (`collection_items.schedule_refs`): every scheduled MPAN-day names its schedule,
 * and the schedule row already holds who asked (user, role, MPID, DSPScheduleID, request), so a
 * JSON copy of it per item per day was 190 of the item's 400 bytes. Anyone else (an on-demand
 * request) is kept whole in `requesters`, NULL when there is no one.
 */
export type StoredRequester = RequesterDto & { scheduleRef?: string };

/** The requesters of an item row as one JSON array, its own first and its schedules' after, in the order of their refs. */
export function requestersColumn(alias?: string): string {
  const c = (column: string) => (alias ? `${alias}.${column}` : `collection_items.${column}`);
  return `coalesce(${c('requesters')}, '[]'::jsonb) || coalesce((
      SELECT jsonb_agg(jsonb_build_object('userId', s.user_id, 'role', s.role, 'mpid', s.mpid, 'origin', s.dsp_schedule_id,
        'requestId', s.request_id, 'purpose', s.purpose, 'scheduleRef', s.ref::text) ORDER BY s.ref)
      FROM schedules s WHERE s.ref = ANY(${c('schedule_refs')})), '[]'::jsonb)`;
}

/** What is kept of requesters: their schedules' refs as a PostgreSQL array literal and the others as JSON, each null when none. */
export function storedRequesters(requesters: readonly StoredRequester[]): { scheduleRefs: string | null; others: string | null } {
  const refs = requesters.flatMap((r) => (r.scheduleRef === undefined ? [] : [r.scheduleRef]));
  const others = requesters.filter((r) => r.scheduleRef === undefined);
  return { scheduleRefs: refs.length > 0 ? `{${refs.join(',')}}` : null, others: others.length > 0 ? JSON.stringify(others) : null };
}

/** One column of each for a batch written with unnest: `$n::text[]` of array literals (unnest flattens a bigint[][]), `$m::jsonb[]`. */
export function storedRequesterColumns(items: readonly { requesters: readonly StoredRequester[] }[]): { scheduleRefs: (string | null)[]; others: (string | null)[] } {
  const stored = items.map((item) => storedRequesters(item.requesters));
  return { scheduleRefs: stored.map((s) => s.scheduleRefs), others: stored.map((s) => s.others) };
}
