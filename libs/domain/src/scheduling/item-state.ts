/**
 * The life of a collection item (R-SCH-5): planned in a slot, dispatched to its adapter, then
 * succeeded, or failed and planned again as a backstop within its TRT, until it succeeds or its
 * deadline passes (expired, a TRT breach). UNPLACED: no slot before its deadline had room yet.
 * STOPPED: no requester is entitled to the data any more. Every change of state is one of these
 * events, and only from the states listed: the service's bulk updates are built from this table.
 */
export const ITEM_STATES = ['UNPLACED', 'PLANNED', 'DISPATCHED', 'SUCCEEDED', 'FAILED', 'EXPIRED', 'STOPPED'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ITEM_TRANSITIONS = {
  /** Given a slot (first plan, on-demand, or backstop after a failure). */
  place: { from: ['UNPLACED', 'FAILED'], to: 'PLANNED' },
  /** Its slot came and its command was sent. */
  dispatch: { from: ['PLANNED'], to: 'DISPATCHED' },
  /** Complete data came back (a late answer to an earlier attempt counts too). */
  succeed: { from: ['DISPATCHED', 'FAILED', 'PLANNED'], to: 'SUCCEEDED' },
  /** The read failed or returned partial data, or no answer came in time (sweeper). */
  fail: { from: ['DISPATCHED'], to: 'FAILED' },
  /** The deadline passed before complete data came back. */
  expire: { from: ['UNPLACED', 'PLANNED', 'DISPATCHED', 'FAILED'], to: 'EXPIRED' },
  /** No requester may have the data any more (e.g. the MDR's appointment ended). */
  stop: { from: ['UNPLACED', 'PLANNED', 'FAILED'], to: 'STOPPED' },
  /**
   * Someone asks for the same data with an earlier deadline (an on-demand read) than the item's
   * slot allows: it waits for the earliest slot again.
   */
  hasten: { from: ['PLANNED'], to: 'UNPLACED' },
  /**
   * Someone new asks for data whose item is finished: it is read again for them alone (a SMETS1
   * read is then answered from the adapter's cache; the DIP gets the same data only once).
   */
  reopen: { from: ['SUCCEEDED', 'EXPIRED', 'STOPPED'], to: 'UNPLACED' },
} as const satisfies Record<string, { from: readonly ItemState[]; to: ItemState }>;

export type ItemEvent = keyof typeof ITEM_TRANSITIONS;

/** The states an item ends in, by what they mean for its requesters. */
export const ITEM_OUTCOMES = { delivered: ITEM_TRANSITIONS.succeed.to, expired: ITEM_TRANSITIONS.expire.to, stopped: ITEM_TRANSITIONS.stop.to } as const;

export const FINAL_ITEM_STATES: readonly ItemState[] = Object.values(ITEM_OUTCOMES);

/** A new item waits for a slot, unless its plan gave it one at once. */
export function newItemState(placed: boolean): ItemState {
  return placed ? ITEM_TRANSITIONS.place.to : 'UNPLACED';
}

/** What an event records besides the state, for the store to write. */
export interface ItemEventEffects {
  /** A dispatch is a new attempt, sent now. */
  startsAttempt: boolean;
  /** Its reason is kept (a failure). */
  recordsFailure: boolean;
  /** The item is finished now (a final state). */
  completes: boolean;
}

export function effectsOf(event: ItemEvent): ItemEventEffects {
  const to = ITEM_TRANSITIONS[event].to;
  return { startsAttempt: event === 'dispatch', recordsFailure: event === 'fail', completes: FINAL_ITEM_STATES.includes(to) };
}

/** The state after an event, or undefined where the event does not apply. */
export function nextItemState(state: ItemState, event: ItemEvent): ItemState | undefined {
  const transition = ITEM_TRANSITIONS[event];
  return (transition.from as readonly ItemState[]).includes(state) ? transition.to : undefined;
}
