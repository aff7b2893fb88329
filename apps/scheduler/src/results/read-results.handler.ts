import { ReadResult } from '@halfhour/contracts';
import { Clock, describeReadFailure } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage } from '@halfhour/kafka';
import { ProviderOutages } from '../capacity/provider-outages';
import { ItemRepository } from '../items/item-repository';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';

/**
 * Records what the adapters report: complete data succeeds the item (from any attempt: data is
 * data); a failure or partial data fails the attempt it answers, so the item is backstopped.
 * Someone who joined the item after its command went out is not among the result's requesters, so
 * would hear nothing: the item is reopened for them alone (read again; the DIP sees the data once).
 * Idempotent: a repeated result finds the item already moved on and changes nothing. What the
 * results say of each provider (answering, or failing on its own) keeps its outage state.
 */
const requesterKey = (requester: { userId: string; requestId: string }) => `${requester.userId}|${requester.requestId}`;

export class ReadResultsHandler implements BatchHandler<ReadResult> {
  constructor(
    private readonly items: ItemRepository,
    private readonly metrics: SchedulerMetrics,
    private readonly clock: Clock,
    private readonly outages: Pick<ProviderOutages, 'record'>,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<ReadResult>[]): Promise<void> {
    const results = messages.map((m) => m.body);
    const complete = results.filter((r) => r.outcome === 'COMPLETE');
    const failed = results.filter((r) => r.outcome !== 'COMPLETE');
    const succeeded = await this.items.transition(this.items.dataSource, 'succeed', complete.map((r) => ({ planDay: r.planDay, itemKey: r.itemKey, at: new Date(r.completedAt) })));
    const failedItems = await this.items.transition(this.items.dataSource, 'fail', failed.map((r) => ({
      planDay: r.planDay, itemKey: r.itemKey, attempt: r.attempt, failureReason: r.failureReason ?? describeReadFailure({ code: r.failureCode ?? (r.outcome === 'PARTIAL' ? 'MISSING_PERIODS' : 'NO_DATA'), detail: 'no detail given' }),
    })));
    const answered = new Map(complete.map((r) => [`${r.planDay}|${r.itemKey}`, new Set(r.requesters.map(requesterKey))]));
    const latecomers = succeeded.flatMap((item) => {
      const heard = answered.get(`${item.planDay}|${item.itemKey}`);
      const unanswered = item.requesters.filter((requester) => !heard?.has(requesterKey(requester)));
      return unanswered.length > 0 ? [{ planDay: item.planDay, itemKey: item.itemKey, requesters: unanswered }] : [];
    });
    await this.items.reopenFor(this.items.dataSource, latecomers);
    await this.outages.record(results, this.clock.now());
    const kindOf = new Map([...succeeded, ...failedItems].map((item) => [`${item.planDay}|${item.itemKey}`, item.kind]));
    for (const r of results) this.metrics.results.inc({ provider: r.provider, outcome: r.outcome, kind: kindOf.get(`${r.planDay}|${r.itemKey}`) ?? 'unmatched' });
    const now = this.clock.now().getTime();
    for (const item of succeeded) this.metrics.timeToComplete.observe({ kind: item.kind }, Math.max(0, now - new Date(item.earliest).getTime()) / 1000);
  }
}
