import { describeReadFailure } from '@halfhour/domain';
import { TopicCatchUp } from '@halfhour/kafka';
import { JsonLogger } from '@halfhour/observability';
import { ItemRepository } from '../items/item-repository';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';

/**
 * Items that will not end well on their own: dispatched reads with no answer for too long are
 * failed (and so backstopped), and items whose deadline passed are expired — a TRT breach,
 * reported to every requester. No read is called unanswered before the results already on the
 * topic have been read once: a scheduler restarted after a while would otherwise fail reads whose
 * answers are waiting for it, read them again and answer their requesters twice.
 */
export class Housekeeping {
  constructor(
    private readonly items: ItemRepository,
    private readonly responder: UserResponder,
    private readonly metrics: SchedulerMetrics,
    private readonly logger: JsonLogger,
    private readonly resultsRead: TopicCatchUp,
  ) {}

  async failUnanswered(now: Date, noResponseAfterMs: number, limit: number): Promise<number> {
    if (!(await this.resultsRead.isCaughtUp())) return 0;
    const stale = await this.items.dispatchedBefore(new Date(now.getTime() - noResponseAfterMs), limit);
    const failed = await this.items.transition(this.items.dataSource, 'fail', stale.map((item) => ({
      planDay: item.planDay, itemKey: item.itemKey, attempt: item.attempt, failureReason: describeReadFailure({ code: 'NO_RESPONSE', detail: `no result within ${noResponseAfterMs / 1000} s` }),
    })));
    if (failed.length > 0) this.logger.warn({ items: failed.length }, 'dispatched reads had no answer in time; they will be backstopped');
    return failed.length;
  }

  async expirePastDeadline(now: Date, limit: number): Promise<number> {
    const late = await this.items.pastDeadline(now, limit);
    if (late.length === 0) return 0;
    const expired = await this.items.dataSource.transaction(async (manager) => {
      const changed = await this.items.transition(manager, 'expire', late.map((item) => ({ planDay: item.planDay, itemKey: item.itemKey, at: now })));
      await this.responder.refuse(manager, changed.flatMap((item) => item.requesters.map((requester) => ({
        requester,
        reason: 'TRT_MISSED' as const,
        message: `${item.srv} data of ${item.mpan} for ${item.dataDay} could not be read by ${new Date(item.deadline).toISOString()}${item.failureReason ? ` (last failure: ${item.failureReason})` : ''}`,
      }))), now);
      return changed;
    });
    this.responder.publishSoon();
    for (const item of expired) this.metrics.trtBreaches.inc({ provider: item.provider });
    return expired.length;
  }
}
