import { OwnedGauges } from './owned-gauges';

/** While a relay is busy, its backlog is recounted at most this often. */
export const BACKLOG_RECOUNT_MS = 5_000;

export interface BacklogRecountOptions {
  intervalMs?: number;
  /**
   * After a count of none, recount on every run that works, so a gauge reading 0 is never more
   * than one run old: for a backlog something waits on to read 0 (a run waiting for the day to
   * settle reads the DIP backlog). Not for one whose count stays dear however small it is (the
   * registry's unpublished index, which every update churns).
   */
  freshZero?: boolean;
  now?: () => number;
}

/**
 * When a relay recounts its backlog gauges. The count is a scan of the pending rows' index, which
 * every write churns: tens to hundreds of milliseconds of the database once the backlog is large,
 * too dear for every run of a relay going flat out. So at most every `intervalMs` while the relay
 * works, and once as soon as it finds nothing to do after a count that saw work waiting (and, with
 * `freshZero`, on every run that works after a count of none). A stale count errs high.
 */
export class BacklogRecount {
  private last?: { at: number; waiting: number };
  private readonly intervalMs: number;
  private readonly now: () => number;

  constructor(
    private readonly gauges: Pick<OwnedGauges, 'measure'>,
    /** Counts the backlog, sets the gauges, and answers how many wait. */
    private readonly recount: () => Promise<number>,
    private readonly options: BacklogRecountOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? BACKLOG_RECOUNT_MS;
    this.now = options.now ?? Date.now;
  }

  /** After one run of the relay: `worked` when it handled anything. */
  async afterRun(worked: boolean): Promise<void> {
    const due = !this.last || (worked
      ? (this.options.freshZero === true && this.last.waiting === 0) || this.now() - this.last.at >= this.intervalMs
      : this.last.waiting > 0);
    if (!due) return;
    await this.gauges.measure(async () => {
      this.last = { at: this.now(), waiting: await this.recount() };
    });
  }
}
