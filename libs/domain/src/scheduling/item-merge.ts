import { Requester } from './collection-demand';
import { ITEM_TRANSITIONS, ItemState } from './item-state';

/** What collect-once merging reads and decides of an item: its state, who wants it, and when. */
export interface MergeableItem<Kind extends string = string> {
  state: ItemState;
  kind: Kind;
  requesters: Requester[];
  earliestMs: number;
  deadlineMs: number;
  slotStartMs: number | null;
}

export interface MergedItem<Kind extends string = string> {
  item: MergeableItem<Kind>;
  /** The change of state the merge made, if any: `reopen` also clears the item's completion time. */
  event?: 'reopen' | 'hasten';
}

const allows = (event: keyof typeof ITEM_TRANSITIONS, state: ItemState) => (ITEM_TRANSITIONS[event].from as readonly ItemState[]).includes(state);

/**
 * Collect once (R-SCH-6) when someone asks for data an item already stands for:
 * - a finished item (succeeded, expired, stopped) is read again for the newcomers alone (`reopen`);
 * - otherwise the newcomers join its requesters (once each) and it is due by the earlier deadline;
 *   a planned item whose slot starts at or after that deadline waits for a slot again, as the
 *   newcomer's kind (`hasten`: an on-demand read must not wait for tomorrow's scheduled slot); an
 *   item waiting for a slot that is now due sooner is placed as the newcomer's kind;
 * - an item dispatched or planned in time keeps its state and slot.
 */
export function mergeIntoItem<Kind extends string>(existing: MergeableItem<Kind>, incoming: MergeableItem<Kind>): MergedItem<Kind> {
  if (allows('reopen', existing.state)) {
    return { item: { ...incoming, state: ITEM_TRANSITIONS.reopen.to, slotStartMs: null, requesters: [...incoming.requesters] }, event: 'reopen' };
  }
  const deadlineMs = Math.min(existing.deadlineMs, incoming.deadlineMs);
  const requesters = joinRequesters(existing.requesters, incoming.requesters);
  const joined = { ...existing, requesters, deadlineMs };
  if (allows('hasten', existing.state) && existing.slotStartMs !== null && existing.slotStartMs >= incoming.deadlineMs) {
    return { item: { ...joined, state: ITEM_TRANSITIONS.hasten.to, kind: incoming.kind, slotStartMs: null }, event: 'hasten' };
  }
  if (allows('place', existing.state) && incoming.deadlineMs < existing.deadlineMs) return { item: { ...joined, kind: incoming.kind } };
  return { item: joined };
}

/** The requesters of both, each (user, origin) once, the existing first. */
export function joinRequesters(existing: readonly Requester[], incoming: readonly Requester[]): Requester[] {
  const joined = [...existing];
  for (const requester of incoming) {
    if (!joined.some((r) => r.userId === requester.userId && r.origin === requester.origin)) joined.push(requester);
  }
  return joined;
}

/** The kind a placed item is read as: a failed read's next attempt is a backstop (R-SCH-5). */
export function kindWhenPlaced<Kind extends string>(item: { state: ItemState; kind: Kind }): Kind | 'BACKSTOP' {
  return item.state === 'FAILED' ? 'BACKSTOP' : item.kind;
}
