import { RequestAuthorised } from '@halfhour/contracts';
import { EntityManager } from 'typeorm';
import { Acknowledgement, Refusal, UserResponder } from '../responses/user-responder';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { RequestKindHandler } from './request-kind';

/** 5.2: tells the user their schedules (one, when named), or that the named one is not theirs. */
export class ReadSchedules implements RequestKindHandler {
  readonly kind = 'read schedules (5.2)';

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly responder: UserResponder,
  ) {}

  accepts(request: RequestAuthorised): boolean {
    return request.srv === '5.2';
  }

  async handle(manager: EntityManager, requests: readonly RequestAuthorised[], now: Date): Promise<void> {
    const acks: Acknowledgement[] = [];
    const refusals: Refusal[] = [];
    for (const r of requests) {
      const found = await this.schedules.ofUser(manager, r.userId, r.dspScheduleId);
      if (found.length === 0 && r.dspScheduleId) {
        refusals.push({ requester: { userId: r.userId, requestId: r.requestId, origin: r.requestId }, reason: 'SCHEDULE_NOT_FOUND', message: `no schedule ${r.dspScheduleId} of ${r.userId}` });
        continue;
      }
      acks.push({
        requestId: r.requestId, userId: r.userId, ...(r.dspScheduleId ? { dspScheduleId: r.dspScheduleId } : {}),
        message: found.map((s) => `${s.dspScheduleId}: ${s.srv} ${s.frequency} ${s.mpan} from ${s.startDate}${s.endDate ? ` to ${s.endDate}` : ''}${s.stoppedReason ? ` (stopped: ${s.stoppedReason})` : ''}`).join('; ') || 'no schedules',
      });
    }
    await this.responder.acknowledge(manager, acks, now);
    await this.responder.refuse(manager, refusals, now);
  }
}
