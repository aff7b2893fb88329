import { RequestAuthorised } from '@halfhour/contracts';
import { DEFAULT_PURPOSE, scheduleIdFor } from '@halfhour/domain';
import { EntityManager } from 'typeorm';
import { UserResponder } from '../responses/user-responder';
import { NewSchedule, ScheduleRepository } from '../schedules/schedule-repository';
import { RequestKindHandler } from './request-kind';

/** 5.1: creates a schedule, its DSPScheduleID derived from the request message, and tells the user its ID. */
export class CreateSchedules implements RequestKindHandler {
  readonly kind = 'create schedule (5.1)';

  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly responder: UserResponder,
  ) {}

  accepts(request: RequestAuthorised): boolean {
    return request.srv === '5.1' && request.schedule !== undefined;
  }

  async handle(manager: EntityManager, requests: readonly RequestAuthorised[], now: Date): Promise<void> {
    const created: NewSchedule[] = requests.map((r) => ({
      dspScheduleId: scheduleIdFor(r.requestMessageId), userId: r.userId, mpid: r.mpid, role: r.role, mpan: r.mpan, deviceId: r.deviceId,
      srv: r.dataSrv, frequency: r.schedule!.frequency, startDate: r.schedule!.startDate, endDate: r.schedule!.endDate ?? null,
      requestId: r.requestId, createdAt: new Date(r.decidedAt), purpose: r.purpose ?? DEFAULT_PURPOSE,
    }));
    await this.schedules.create(manager, created);
    await this.responder.acknowledge(manager, created.map((s) => ({
      requestId: s.requestId, userId: s.userId, dspScheduleId: s.dspScheduleId, message: `schedule ${s.dspScheduleId} created: ${s.srv} daily for ${s.mpan} from ${s.startDate}${s.purpose === 'BAU' ? ' (business as usual)' : ''}`,
    })), now);
  }
}
