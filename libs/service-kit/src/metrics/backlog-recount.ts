import { OwnedGauges } from './owned-gauges';

/** While a relay is busy, its backlog is recounted at most this often. */
export const BACKLOG_RECOUNT_MS = 5_000;

/**
 * When a relay recounts its backlog gauges. The count is a scan of the pending rows' index, which
 * every write churns: tens to hundreds of milliseconds of the database once the backlog is large,
 * too dear for every run of a relay going flat out. So, while the last count saw work waiting, at
 * most every `intervalMs` while the relay works, and once as soon as it finds nothing to do; after
 * a count of none, on every run that works (a small backlog is cheap to count). A gauge reading
 * 0 is never more than one run old, which is what alerts and a run waiting for the day to settle
 * read; a stale count errs high.
 */
export class BacklogRecount {
  private last?: { at: number; waiting: number };

  constructor(
    private readonly gauges: Pick<OwnedGauges, 'measure'>,
    /** Counts the backlog, sets the gauges, and answers how many wait. */
    private readonly recount: () => Promise<number>,
    private readonly intervalMs = BACKLOG_RECOUNT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** After one run of the relay: `worked` when it handled anything. */
  async afterRun(worked: boolean): Promise<void> {
    const due = !this.last || (worked ? this.last.waiting === 0 || this.now() - this.last.at >= this.intervalMs : this.last.waiting > 0);
    if (!due) return;
    await this.gauges.measure(async () => {
      this.last = { at: this.now(), waiting: await this.recount() };
    });
  }
}
