import { effectsOf, ITEM_TRANSITIONS, ItemEvent, ItemState, MHHS_KINDS } from '@halfhour/domain';
import { EntityManager } from 'typeorm';
import { combineSameItem, mergeRow } from '../src/items/item-merging';
import { ItemChanges, ItemRef, ItemRow } from '../src/items/item-row';

/** Stands for a transaction in the in-memory stores: they ignore it, as each call is atomic already. */
export const NO_TRANSACTION = {} as EntityManager;

const keyOf = (ref: ItemRef) => `${ref.planDay}|${ref.itemKey}`;

/**
 * Collection items in memory, for unit tests of the scheduler's orchestration: the same events
 * from the same states as ItemRepository's SQL (both take them from the domain's transition table),
 * without a database. Every row it hands out is a copy, as rows read from a database would be.
 */
export class InMemoryItems {
  readonly rows = new Map<string, ItemRow>();

  constructor(items: readonly ItemRow[] = []) {
    for (const item of items) this.rows.set(keyOf(item), { ...item });
  }

  get(itemKey: string): ItemRow {
    const row = [...this.rows.values()].find((r) => r.itemKey === itemKey);
    if (!row) throw new Error(`no item ${itemKey}`);
    return row;
  }

  async inTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(NO_TRANSACTION);
  }

  /** Nothing runs beside a unit test: there is nobody to lock out. */
  async lockPlacement(): Promise<void> {
    return undefined;
  }

  /** Memory has no partitions. */
  async ensurePartition(): Promise<void> {
    return undefined;
  }

  async existingKeys(_runner: unknown, planDay: string, itemKeys: readonly string[]): Promise<Set<string>> {
    return new Set(itemKeys.filter((key) => this.rows.has(keyOf({ planDay, itemKey: key }))));
  }

  async addNew(_runner: unknown, items: readonly ItemRow[]): Promise<void> {
    for (const item of items) {
      if (this.rows.has(keyOf(item))) throw new Error(`duplicate key ${keyOf(item)}`);
      this.rows.set(keyOf(item), { ...item });
    }
  }

  /** The domain's merge, as ItemRepository.addMerging applies it. */
  async addMerging(_runner: unknown, items: readonly ItemRow[]): Promise<void> {
    for (const item of combineSameItem(items)) {
      const stored = this.rows.get(keyOf(item));
      this.rows.set(keyOf(item), stored ? mergeRow(stored, item).row : { ...item });
    }
  }

  async lockDue(_runner: unknown, now: Date, limit: number): Promise<ItemRow[]> {
    return this.where((r) => inStates(r.state, ITEM_TRANSITIONS.dispatch.from) && r.slotStart !== null && r.slotStart <= now)
      .sort((a, b) => a.slotStart!.getTime() - b.slotStart!.getTime())
      .slice(0, limit);
  }

  async awaitingSlot(now: Date, limit: number): Promise<ItemRow[]> {
    return this.where((r) => inStates(r.state, ITEM_TRANSITIONS.place.from) && r.deadline > now)
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime())
      .slice(0, limit);
  }

  async transition(_runner: unknown, event: ItemEvent, refs: readonly (ItemRef & ItemChanges)[]): Promise<ItemRow[]> {
    const { from, to } = ITEM_TRANSITIONS[event];
    const effects = effectsOf(event);
    const changed: ItemRow[] = [];
    for (const ref of refs) {
      const row = this.rows.get(keyOf(ref));
      if (!row || !inStates(row.state, from) || (ref.attempt !== undefined && ref.attempt !== row.attempt)) continue;
      row.state = to;
      if (ref.slotStart) row.slotStart = ref.slotStart;
      if (ref.kind) row.kind = ref.kind as ItemRow['kind'];
      if (effects.recordsFailure) row.failureReason = ref.failureReason ?? null;
      if (effects.startsAttempt) {
        row.attempt++;
        row.dispatchedAt = ref.at ?? new Date();
      }
      changed.push({ ...row });
    }
    return changed;
  }

  async setRequesters(_runner: unknown, items: readonly (ItemRef & Pick<ItemRow, 'requesters'>)[]): Promise<void> {
    for (const item of items) this.rows.get(keyOf(item))!.requesters = item.requesters;
  }

  async slotLoads(from: Date, to: Date): Promise<{ provider: string; slotStart: Date; kind: string; reads: number }[]> {
    const loads = new Map<string, { provider: string; slotStart: Date; kind: string; reads: number }>();
    for (const row of this.where((r) => r.slotStart !== null && r.slotStart >= from && r.slotStart < to)) {
      const key = `${row.provider}|${row.slotStart!.getTime()}|${row.kind}`;
      const load = loads.get(key) ?? { provider: row.provider, slotStart: row.slotStart!, kind: row.kind, reads: 0 };
      load.reads++;
      loads.set(key, load);
    }
    return [...loads.values()];
  }

  async releaseSlotOfLaterDeadline(_runner: unknown, provider: string, from: Date, lastStart: Date, deadline: Date): Promise<Date | undefined> {
    const [taken] = this.where((r) => givesWay(r, provider, from, lastStart, deadline))
      .sort((a, b) => a.slotStart!.getTime() - b.slotStart!.getTime() || b.deadline.getTime() - a.deadline.getTime());
    if (!taken) return undefined;
    const row = this.rows.get(keyOf(taken))!;
    const slot = row.slotStart!;
    row.state = ITEM_TRANSITIONS.hasten.to;
    row.slotStart = null;
    return slot;
  }

  async laterDeadlineSlotExists(_runner: unknown, provider: string, from: Date, lastStart: Date, deadline: Date): Promise<boolean> {
    return this.where((r) => givesWay(r, provider, from, lastStart, deadline)).length > 0;
  }

  private where(predicate: (row: ItemRow) => boolean): ItemRow[] {
    return [...this.rows.values()].filter(predicate).map((row) => ({ ...row }));
  }
}

function inStates(state: ItemState, states: readonly ItemState[]): boolean {
  return states.includes(state);
}

/** A planned MHHS read of the provider in [from, lastStart] due after `deadline`: what an urgent read may take the slot of. */
function givesWay(r: ItemRow, provider: string, from: Date, lastStart: Date, deadline: Date): boolean {
  return r.provider === provider && inStates(r.state, ITEM_TRANSITIONS.hasten.from) && r.deadline > deadline && MHHS_KINDS.includes(r.kind)
    && r.slotStart !== null && r.slotStart >= from && r.slotStart <= lastStart;
}
