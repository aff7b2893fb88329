import { ReadKind } from '@halfhour/contracts';
import { MergeableItem, mergeIntoItem } from '@halfhour/domain';
import { ItemRef, ItemRow } from './item-row';

export interface MergedRow {
  row: ItemRow;
  reopened: boolean;
}

export const refKey = (ref: ItemRef) => `${ref.planDay}|${ref.itemKey}`;

/** The domain's merge (collect once) applied to stored rows: the rule is `mergeIntoItem`'s; this only converts. */
export function mergeRow(stored: ItemRow, incoming: ItemRow): MergedRow {
  const { item, event } = mergeIntoItem(mergeable(stored), mergeable(incoming));
  return {
    row: {
      ...stored, state: item.state, kind: item.kind, requesters: item.requesters as ItemRow['requesters'],
      earliest: new Date(item.earliestMs), deadline: new Date(item.deadlineMs), slotStart: item.slotStartMs === null ? null : new Date(item.slotStartMs),
    },
    reopened: event === 'reopen',
  };
}

/** New items for the same data in one batch become one, merged as if one had come after the other. */
export function combineSameItem(items: readonly ItemRow[]): ItemRow[] {
  const combined = new Map<string, ItemRow>();
  for (const item of items) {
    const seen = combined.get(refKey(item));
    combined.set(refKey(item), seen ? mergeRow(seen, item).row : item);
  }
  return [...combined.values()];
}

function mergeable(row: ItemRow): MergeableItem<ReadKind> {
  return {
    state: row.state, kind: row.kind, requesters: row.requesters, earliestMs: new Date(row.earliest).getTime(), deadlineMs: new Date(row.deadline).getTime(),
    slotStartMs: row.slotStart === null ? null : new Date(row.slotStart).getTime(),
  };
}
