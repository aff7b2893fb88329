import { RequestAuthorised } from '@halfhour/contracts';
import { EntityManager } from 'typeorm';
import { Acknowledgement, Refusal, UserResponder } from '../responses/user-responder';
import { ScheduleRepository } from '../schedules/schedule-repository';
import { RequestKindHandler } from './request-kind';

/** 5.3: stops the user's own schedule, or tells them it is not theirs. */
export class DeleteSchedules implements RequestKindHandler {
  readonly kind = 'delete schedule (5.3)';

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly responder: UserResponder,
  ) {}

  accepts(request: RequestAuthorised): boolean {
    return request.srv === '5.3';
  }

  async handle(manager: EntityManager, requests: readonly RequestAuthorised[], now: Date): Promise<void> {
    const acks: Acknowledgement[] = [];
    const refusals: Refusal[] = [];
    for (const r of requests) {
      const [stopped] = await this.schedules.stop(manager, [r.dspScheduleId ?? ''], 'DELETED', now, r.userId);
      if (stopped) acks.push({ requestId: r.requestId, userId: r.userId, dspScheduleId: stopped.dspScheduleId, message: `schedule ${stopped.dspScheduleId} deleted` });
      else refusals.push({ requester: { userId: r.userId, requestId: r.requestId, origin: r.requestId }, reason: 'SCHEDULE_NOT_FOUND', message: `no schedule ${r.dspScheduleId ?? ''} of ${r.userId}` });
    }
    await this.responder.acknowledge(manager, acks, now);
    await this.responder.refuse(manager, refusals, now);
  }
}
