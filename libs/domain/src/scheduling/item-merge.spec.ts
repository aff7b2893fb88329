import fc from 'fast-check';
import { Requester } from './collection-demand';
import { FINAL_ITEM_STATES, ITEM_STATES, ITEM_TRANSITIONS, ItemState } from './item-state';
import { joinRequesters, kindWhenPlaced, MergeableItem, mergeIntoItem } from './item-merge';

const HOUR = 3600_000;
const requester = fc.record({
  userId: fc.constantFrom('00-00-00-00-00-00-AA-01', '00-00-00-00-00-00-AA-02', '00-00-00-00-00-00-AA-03'),
  role: fc.constantFrom('MDR' as const, 'IS' as const),
  mpid: fc.constantFrom('MDRA', 'SUPA'),
  origin: fc.constantFrom('DSP-0000000000000001', 'DSP-0000000000000002', '00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:7'),
  requestId: fc.constant('00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:1'),
});
const uniqueRequesters = fc.array(requester, { minLength: 1, maxLength: 4 }).map((list) => joinRequesters([], list));

/** An item as the scheduler keeps it: a planned item's slot starts before its deadline; only planned and later states have a slot. */
const storedItem = fc.record({
  state: fc.constantFrom(...ITEM_STATES),
  kind: fc.constantFrom('SCHEDULED', 'ON_DEMAND', 'BACKSTOP'),
  requesters: uniqueRequesters,
  earliestMs: fc.integer({ min: 0, max: 24 * HOUR }),
  windowMs: fc.integer({ min: HOUR, max: 48 * HOUR }),
  slotFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
}).map(({ state, kind, requesters, earliestMs, windowMs, slotFraction }): MergeableItem => ({
  state, kind, requesters, earliestMs, deadlineMs: earliestMs + windowMs,
  slotStartMs: state === 'UNPLACED' ? null : earliestMs + Math.floor(windowMs * slotFraction),
}));
/** A new demand for the same data: waiting for a slot. */
const newDemand = storedItem.map((item): MergeableItem => ({ ...item, state: 'UNPLACED', slotStartMs: null, kind: item.kind === 'BACKSTOP' ? 'ON_DEMAND' : item.kind }));

const key = (r: Requester) => `${r.userId}|${r.origin}`;

describe('merging a new demand into the item that stands for the same data (collect once)', () => {
  it('reopens a finished item for the newcomers alone, and otherwise keeps every requester once, due by the earlier deadline', () => {
    fc.assert(fc.property(storedItem, newDemand, (existing, incoming) => {
      const { item, event } = mergeIntoItem(existing, incoming);
      if (FINAL_ITEM_STATES.includes(existing.state)) {
        expect(event).toBe('reopen');
        expect(item).toEqual({ ...incoming, state: 'UNPLACED', slotStartMs: null });
        return;
      }
      expect(new Set(item.requesters.map(key))).toEqual(new Set([...existing.requesters, ...incoming.requesters].map(key)));
      expect(item.requesters).toHaveLength(new Set(item.requesters.map(key)).size);
      expect(item.deadlineMs).toBe(Math.min(existing.deadlineMs, incoming.deadlineMs));
      expect(item.earliestMs).toBe(existing.earliestMs);
    }));
  });

  it('changes state only as the item state machine allows, and never takes back a dispatched read', () => {
    fc.assert(fc.property(storedItem, newDemand, (existing, incoming) => {
      const { item, event } = mergeIntoItem(existing, incoming);
      if (event) {
        expect(ITEM_TRANSITIONS[event].from as readonly ItemState[]).toContain(existing.state);
        expect(item.state).toBe(ITEM_TRANSITIONS[event].to);
      } else {
        expect(item.state).toBe(existing.state);
        expect(item.slotStartMs).toBe(existing.slotStartMs);
      }
      if (existing.state === 'DISPATCHED') expect(item).toMatchObject({ state: 'DISPATCHED', kind: existing.kind, slotStartMs: existing.slotStartMs });
    }));
  });

  it('leaves no planned item in a slot that starts at or after its deadline: it waits for an earlier slot, as the newcomer’s kind', () => {
    fc.assert(fc.property(storedItem, newDemand, (existing, incoming) => {
      const { item, event } = mergeIntoItem(existing, incoming);
      if (item.state === 'PLANNED') expect(item.slotStartMs!).toBeLessThan(item.deadlineMs);
      if (event === 'hasten') expect(item).toMatchObject({ state: 'UNPLACED', slotStartMs: null, kind: incoming.kind });
    }));
  });

  it('is idempotent: the same demand merged twice changes nothing the second time', () => {
    fc.assert(fc.property(storedItem, newDemand, (existing, incoming) => {
      const once = mergeIntoItem(existing, incoming).item;
      const twice = mergeIntoItem(once, incoming);
      expect(twice.item).toEqual(once);
      expect(twice.event).toBeUndefined();
    }));
  });

  it('places a failed read again as a backstop, anything else as what it was asked for', () => {
    expect(kindWhenPlaced({ state: 'FAILED', kind: 'SCHEDULED' })).toBe('BACKSTOP');
    expect(kindWhenPlaced({ state: 'UNPLACED', kind: 'ON_DEMAND' })).toBe('ON_DEMAND');
  });
});
