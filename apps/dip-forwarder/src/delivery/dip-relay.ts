import { BacklogRecount, OwnedGauges } from '@halfhour/service-kit';
import { backoffDelayMs, Clock, DipMessage } from '@halfhour/domain';
import { JsonLogger, TaskRun } from '@halfhour/observability';
import { DipMetrics } from '../metrics/dip-metrics';
import { OutboxRow } from '../outbox/outbox-repository';
import { DipFailureCause } from './dip-answer-class';
import { DipCallOutcome } from './dip-client';

export interface RelaySettings {
  batchSize: number;
  concurrency: number;
  /** The longest one call may take: the lease covers a round of them. */
  callTimeoutMs: number;
  backoffMaxMs: number;
  rowsPerRound: number;
}

/** One call's MPAN-days and what the DIP said. */
export interface Delivery {
  rows: OutboxRow[];
  outcome: DipCallOutcome;
}

/** What the relay needs of the outbox (OutboxRepository in the service; an in-memory one in unit tests). */
export interface DeliveryQueue {
  leasePending(limit: number, leaseSeconds: number): Promise<OutboxRow[]>;
  /** Records a round's outcomes (in one transaction) and ends their leases. */
  record(deliveries: readonly Delivery[]): Promise<void>;
  release(rows: readonly OutboxRow[]): Promise<void>;
  backlog(): Promise<{ pending: number; oldestSeconds: number }>;
}

/** One signed call to the DIP (sendToDip in the service). */
export type DipSender = (messages: readonly DipMessage[]) => Promise<DipCallOutcome>;

/**
 * Delivers the outbox to the DIP (R-DIP-2): pending MPAN-days are leased (SKIP LOCKED, so replicas
 * share the work) and the lease committed before any call, so no row lock is held across a
 * network call; they are sent in signed calls of `batchSize`, and marked delivered with the
 * DIP's transaction ID, or refused for good when the DIP refuses the data (a refused call of several
 * is retried one by one, so one bad MPAN-day does not sink the rest). While the DIP fails — down,
 * busy (429, its Retry-After honoured), timing out, or refusing our signature (401) — the whole relay backs off
 * exponentially with jitter — one probe at a time, nothing lost, nothing marked — and drains the
 * backlog at full speed once a call succeeds again. Rows leased but not sent in a round that began
 * to fail are released at once. A crash after the DIP accepted but before the outcome was recorded
 * resends the same reference once the lease runs out: the DIP sees a duplicate, not new data.
 * The back-off is measured on the service's clock, as the leases are: in a simulation the DIP's
 * outages are scripted on simulated time, and a relay waiting out real seconds while the clock
 * runs on would see the day end with its work still owed.
 */
/** The first wait after a failed call; it doubles with each failure in a row, up to `backoffMaxMs`. */
const FIRST_BACKOFF_MS = 500;

export class DipRelay {
  private failuresInARow = 0;
  private pausedUntil = 0;
  /** Longer than a round's calls can take, each up to its timeout, with room to spare. */
  private readonly leaseSeconds: number;
  private readonly backlog: BacklogRecount;

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly send: DipSender,
    private readonly metrics: DipMetrics,
    private readonly logger: JsonLogger,
    private readonly settings: RelaySettings,
    /** The backlog gauges are counted by one replica (OwnedGauges); every replica delivers. */
    backlogGauges: Pick<OwnedGauges, 'measure'>,
    private readonly clock: Clock,
  ) {
    this.backlog = new BacklogRecount(backlogGauges, async () => {
      const backlog = await this.queue.backlog();
      this.metrics.backlog.set(backlog.pending);
      this.metrics.backlogOldest.set(backlog.oldestSeconds);
      return backlog.pending;
    }, { freshZero: true });
    const callsPerWorker = Math.ceil(settings.rowsPerRound / settings.batchSize / settings.concurrency);
    this.leaseSeconds = Math.max(30, Math.ceil((settings.callTimeoutMs / 1000) * (callsPerWorker + 1) * 2));
  }

  /**
   * One round: 'more' when a full round went and the DIP is answering. While the relay backs off
   * it is idle: it waits on the DIP, not on work of its own.
   */
  async deliverOnce(): Promise<TaskRun> {
    if (this.paused()) {
      // Rows go on arriving while the DIP is away: the gauge follows them, at the busy relay's pace.
      await this.backlog.afterRun(true);
      return 'idle';
    }
    const timer = new PhaseTimer(this.metrics.relayPhaseSeconds);
    const rows = await this.queue.leasePending(this.settings.rowsPerRound, this.leaseSeconds);
    if (rows.length === 0) {
      await this.backlog.afterRun(false);
      return 'idle';
    }
    timer.lap('lease');
    const calls: OutboxRow[][] = [];
    for (let i = 0; i < rows.length; i += this.settings.batchSize) calls.push(rows.slice(i, i + this.settings.batchSize));
    const deliveries: Delivery[] = [];
    let next = 0;
    const worker = async () => {
      while (next < calls.length && !this.paused()) deliveries.push(...(await this.deliver(calls[next++], true)));
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, calls.length) }, worker));
    timer.lap('calls');
    await this.queue.record(deliveries);
    timer.lap('record');
    this.count(deliveries);
    const sent = new Set(deliveries.flatMap((delivery) => delivery.rows.map((row) => row.reference)));
    await this.queue.release(rows.filter((row) => !sent.has(row.reference)));
    await this.backlog.afterRun(true);
    return rows.length === this.settings.rowsPerRound && !this.paused() ? 'more' : 'worked';
  }

  private paused(): boolean {
    return this.clock.now().getTime() < this.pausedUntil;
  }

  /** Sends one call; a refused call of several is sent again one MPAN-day at a time. */
  private async deliver(rows: OutboxRow[], splitOnRefusal: boolean): Promise<Delivery[]> {
    const started = process.hrtime.bigint();
    const outcome = await this.send(rows.map((r) => r.message));
    const status = outcome.kind === 'ACCEPTED' ? 'accepted' : outcome.kind === 'REFUSED' ? 'refused' : outcome.cause;
    this.metrics.callSeconds.observe({ status }, Number(process.hrtime.bigint() - started) / 1e9);
    if (outcome.kind === 'REFUSED' && splitOnRefusal && rows.length > 1) {
      const single: Delivery[] = [];
      for (const row of rows) single.push(...(await this.deliver([row], false)));
      return single;
    }
    if (outcome.kind === 'FAILED') {
      this.failuresInARow++;
      const backoff = backoffDelayMs(this.failuresInARow, { initialDelayMs: FIRST_BACKOFF_MS, maxDelayMs: this.settings.backoffMaxMs });
      // The DIP's own Retry-After is honoured, up to the longest back-off.
      const wait = Math.min(this.settings.backoffMaxMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
      this.pausedUntil = this.clock.now().getTime() + wait;
      if (this.failuresInARow === 1 || this.failuresInARow % 10 === 0) {
        this.logger.warn({ failuresInARow: this.failuresInARow, waitMs: Math.round(wait), cause: outcome.cause, reason: outcome.reason }, FAILURE_LOG[outcome.cause]);
      }
    } else {
      this.failuresInARow = 0;
    }
    return [{ rows, outcome }];
  }

  private count(deliveries: readonly Delivery[]): void {
    for (const { rows, outcome } of deliveries) {
      const counted = outcome.kind === 'ACCEPTED' ? 'delivered' : outcome.kind === 'REFUSED' ? 'refused' : 'retried';
      this.metrics.messages.inc({ outcome: counted }, rows.length);
      if (outcome.kind === 'REFUSED') this.logger.error({ references: rows.map((r) => r.reference), reason: outcome.reason }, 'the DIP refused an MPAN-day; it will not be sent again');
    }
  }
}

/** Observes the time since the last lap under each phase's name. */
class PhaseTimer {
  private last = process.hrtime.bigint();

  constructor(private readonly histogram: DipMetrics['relayPhaseSeconds']) {}

  lap(phase: 'lease' | 'calls' | 'record'): void {
    const now = process.hrtime.bigint();
    this.histogram.observe({ phase }, Number(now - this.last) / 1e9);
    this.last = now;
  }
}

const FAILURE_LOG: Record<DipFailureCause, string> = {
  unauthorised: 'the DIP does not accept our signature (certificate, key or clock); delivery backs off until it does',
  throttled: 'the DIP asks us to slow down; delivery backs off',
  timeout: 'the DIP did not answer in time; delivery backs off',
  unavailable: 'the DIP is failing; delivery backs off',
  network: 'the DIP cannot be reached; delivery backs off',
};
