import { FINAL_ITEM_STATES, ItemState } from '@halfhour/domain';
import { ItemOutcome } from './day-report';

/** A collection day's items as the scheduler's report has them: what the progress line counts. */
export interface DayItems {
  collectionDay: string;
  items: number;
  /** Given a slot: every item but the UNPLACED. */
  planned: number;
  finished: number;
  byProvider: Record<string, { items: number; finished: number }>;
}

export function dayItemsOf(collectionDay: string, outcomes: readonly ItemOutcome[]): DayItems {
  const day: DayItems = { collectionDay, items: 0, planned: 0, finished: 0, byProvider: {} };
  for (const { provider, state, items } of outcomes) {
    const final = FINAL_ITEM_STATES.includes(state as ItemState);
    const mine = (day.byProvider[provider] ??= { items: 0, finished: 0 });
    day.items += items;
    mine.items += items;
    if (state !== 'UNPLACED') day.planned += items;
    if (final) {
      day.finished += items;
      mine.finished += items;
    }
  }
  return day;
}

/**
 * The day's items, asked of the scheduler's report at most every `everyMs`, and at most a
 * twentieth of the time: a GROUP BY over the day's partition is too dear for every look at the
 * stack (1.5 s at a million items). The scheduler's item gauges cannot serve: they count
 * yesterday's and today's plans by the simulated clock, which runs days past the collection day
 * while its reads are still flowing.
 */
export class DayItemsFeed {
  private last?: { at: number; waitMs: number; items: DayItems };

  constructor(
    private readonly outcomesOf: (collectionDay: string) => Promise<readonly ItemOutcome[]>,
    private readonly everyMs = 5000,
  ) {}

  /** The latest counts of `collectionDay`; undefined until the scheduler has answered once for it. */
  async of(collectionDay: string): Promise<DayItems | undefined> {
    const last = this.last?.items.collectionDay === collectionDay ? this.last : undefined;
    if (last && Date.now() - last.at < last.waitMs) return last.items;
    try {
      const asked = Date.now();
      const items = dayItemsOf(collectionDay, await this.outcomesOf(collectionDay));
      this.last = { at: Date.now(), waitMs: Math.max(this.everyMs, (Date.now() - asked) * 19), items };
      return items;
    } catch {
      // A scheduler restarting (the chaos campaign) answers nothing for a while: show the last counts.
      return last?.items;
    }
  }
}
