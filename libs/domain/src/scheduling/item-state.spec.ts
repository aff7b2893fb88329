import fc from 'fast-check';
import { FINAL_ITEM_STATES, ITEM_STATES, ITEM_TRANSITIONS, ItemEvent, nextItemState } from './item-state';

describe('collection item states', () => {
  it('leave a final state only when reopened for someone new, and are then read again from the start', () => {
    for (const state of FINAL_ITEM_STATES) {
      for (const event of Object.keys(ITEM_TRANSITIONS) as ItemEvent[]) {
        expect(nextItemState(state, event)).toBe(event === 'reopen' ? 'UNPLACED' : undefined);
      }
    }
    for (const state of ITEM_STATES.filter((s) => !FINAL_ITEM_STATES.includes(s))) expect(nextItemState(state, 'reopen')).toBeUndefined();
  });

  it('reach a final state on every path that ends in success, expiry or stop', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...(Object.keys(ITEM_TRANSITIONS) as ItemEvent[])), { maxLength: 30 }), (events) => {
        let state: (typeof ITEM_STATES)[number] = 'UNPLACED';
        for (const event of events) state = nextItemState(state, event) ?? state;
        expect(ITEM_STATES).toContain(state);
        if (state === 'SUCCEEDED') expect(events).toContain('succeed');
      }),
    );
  });

  it('retries a failure as a backstop, and only a dispatched read can fail', () => {
    expect(nextItemState('FAILED', 'place')).toBe('PLANNED');
    expect(nextItemState('PLANNED', 'fail')).toBeUndefined();
    expect(nextItemState('DISPATCHED', 'fail')).toBe('FAILED');
    expect(nextItemState('DISPATCHED', 'stop')).toBeUndefined();
  });
});
