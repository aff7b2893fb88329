import { JsonLogger, TaskRun } from '@halfhour/observability';
import { EntityManager } from 'typeorm';
import { DipMetrics } from '../metrics/dip-metrics';
import { OutboxRepository, OutboxRow } from '../outbox/outbox-repository';
import { DipFailureCause } from './dip-answer-class';
import { DipCallOutcome, DipCredentials, sendToDip } from './dip-client';

export interface RelaySettings {
  url: string;
  batchSize: number;
  concurrency: number;
  callTimeoutMs: number;
  backoffMaxMs: number;
  rowsPerRound: number;
}

/**
 * Delivers the outbox to the DIP (R-DIP-2): pending MPAN-days are locked (SKIP LOCKED, so
 * replicas share the work), sent in signed calls of `batchSize`, and marked delivered with the
 * DIP's transaction ID, or refused for good when the DIP refuses the data (a refused call of several
 * is retried one by one, so one bad MPAN-day does not sink the rest). While the DIP fails — down,
 * busy (429, its Retry-After honoured), timing out, or refusing our signature (401) — the whole relay backs off
 * exponentially with jitter — one probe at a time, nothing lost, nothing marked — and drains the
 * backlog at full speed once a call succeeds again. A crash after the DIP accepted but before the
 * commit resends the same reference: the DIP sees a duplicate, not new data.
 */
export class DipRelay {
  private failuresInARow = 0;
  private pausedUntil = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly credentials: DipCredentials,
    private readonly metrics: DipMetrics,
    private readonly logger: JsonLogger,
    private readonly settings: RelaySettings,
    private readonly now: () => Date,
  ) {}

  /**
   * One round: 'more' when a full round went and the DIP is answering. While the relay backs off
   * it is idle: it waits on the DIP, not on work of its own.
   */
  async deliverOnce(): Promise<TaskRun> {
    if (Date.now() < this.pausedUntil) return 'idle';
    const taken = await this.outbox.dataSource.transaction(async (manager) => {
      const rows = await this.outbox.lockPending(manager, this.settings.rowsPerRound);
      const calls: OutboxRow[][] = [];
      for (let i = 0; i < rows.length; i += this.settings.batchSize) calls.push(rows.slice(i, i + this.settings.batchSize));
      // Calls run side by side; their outcomes are written one after another on the one connection.
      const outcomes: Delivery[] = [];
      let next = 0;
      const worker = async () => {
        while (next < calls.length && Date.now() >= this.pausedUntil) outcomes.push(...(await this.deliver(calls[next++], true)));
      };
      await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, calls.length) }, worker));
      for (const outcome of outcomes) await this.record(manager, outcome);
      return rows.length;
    });
    const backlog = await this.outbox.backlog();
    this.metrics.backlog.set(backlog.pending);
    this.metrics.backlogOldest.set(backlog.oldestSeconds);
    if (taken === 0) return 'idle';
    return taken === this.settings.rowsPerRound && Date.now() >= this.pausedUntil ? 'more' : 'worked';
  }

  /** Sends one call; a refused call of several is sent again one MPAN-day at a time. */
  private async deliver(rows: OutboxRow[], splitOnRefusal: boolean): Promise<Delivery[]> {
    const started = process.hrtime.bigint();
    const outcome = await sendToDip(this.settings.url, rows.map((r) => r.message), this.credentials, this.settings.callTimeoutMs, this.now());
    const status = outcome.kind === 'ACCEPTED' ? 'accepted' : outcome.kind === 'REFUSED' ? 'refused' : outcome.cause;
    this.metrics.callSeconds.observe({ status }, Number(process.hrtime.bigint() - started) / 1e9);
    if (outcome.kind === 'REFUSED' && splitOnRefusal && rows.length > 1) {
      const single: Delivery[] = [];
      for (const row of rows) single.push(...(await this.deliver([row], false)));
      return single;
    }
    if (outcome.kind === 'FAILED') {
      this.failuresInARow++;
      const backoff = Math.min(this.settings.backoffMaxMs, 250 * 2 ** Math.min(this.failuresInARow, 20)) * (0.5 + Math.random() / 2);
      // The DIP's own Retry-After is honoured, up to the longest back-off.
      const wait = Math.min(this.settings.backoffMaxMs, Math.max(backoff, outcome.retryAfterMs ?? 0));
      this.pausedUntil = Date.now() + wait;
      if (this.failuresInARow === 1 || this.failuresInARow % 10 === 0) {
        this.logger.warn({ failuresInARow: this.failuresInARow, waitMs: Math.round(wait), cause: outcome.cause, reason: outcome.reason }, FAILURE_LOG[outcome.cause]);
      }
    } else {
      this.failuresInARow = 0;
    }
    return [{ rows, outcome }];
  }

  private async record(manager: EntityManager, { rows, outcome }: Delivery): Promise<void> {
    const references = rows.map((r) => r.reference);
    switch (outcome.kind) {
      case 'ACCEPTED':
        await this.outbox.finish(manager, references, 'DELIVERED', outcome.transactionId);
        this.metrics.messages.inc({ outcome: 'delivered' }, rows.length);
        return;
      case 'REFUSED':
        await this.outbox.finish(manager, references, 'REFUSED', outcome.reason);
        this.metrics.messages.inc({ outcome: 'refused' }, rows.length);
        this.logger.error({ references, reason: outcome.reason }, 'the DIP refused an MPAN-day; it will not be sent again');
        return;
      case 'FAILED':
        await this.outbox.recordFailure(manager, references, outcome.reason);
        this.metrics.messages.inc({ outcome: 'retried' }, rows.length);
    }
  }
}

const FAILURE_LOG: Record<DipFailureCause, string> = {
  unauthorised: 'the DIP does not accept our signature (certificate, key or clock); delivery backs off until it does',
  throttled: 'the DIP asks us to slow down; delivery backs off',
  timeout: 'the DIP did not answer in time; delivery backs off',
  unavailable: 'the DIP is failing; delivery backs off',
  network: 'the DIP cannot be reached; delivery backs off',
};

interface Delivery {
  rows: OutboxRow[];
  outcome: DipCallOutcome;
}
