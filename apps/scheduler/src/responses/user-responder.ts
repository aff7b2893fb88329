import { RequesterDto, ServiceResponse, Topics } from '@halfhour/contracts';
import { scheduleIdIn, SCHEDULING_RESPONSE_CODES, schedulingOutcomeOf, SchedulingRefusal, SUCCESS_RESPONSE_CODE } from '@halfhour/domain';
import { MessageOutbox } from '@halfhour/service-kit';
import { EntityManager } from 'typeorm';

export interface Acknowledgement {
  requestId: string;
  userId: string;
  dspScheduleId?: string;
  message: string;
}

export interface Refusal {
  requester: Pick<RequesterDto, 'userId' | 'requestId' | 'origin'>;
  reason: SchedulingRefusal;
  message: string;
}

/**
 * Tells users what became of their schedules and reads, on their response topic: written to the
 * outbox in the transaction that decided them, so an answer is never lost to a crash after the
 * commit nor sent for a change that rolled back.
 */
export class UserResponder {
  constructor(private readonly outbox: Pick<MessageOutbox, 'add' | 'publishSoon'>) {}

  async acknowledge(manager: EntityManager, acks: readonly Acknowledgement[], at: Date): Promise<void> {
    await this.send(manager, acks.map((ack) => ({
      requestId: ack.requestId, userId: ack.userId, responseCode: SUCCESS_RESPONSE_CODE, outcome: 'ACCEPTED', message: ack.message,
      respondedAt: at.toISOString(), ...(ack.dspScheduleId ? { dspScheduleId: ack.dspScheduleId } : {}),
    })));
  }

  async refuse(manager: EntityManager, refusals: readonly Refusal[], at: Date): Promise<void> {
    await this.send(manager, refusals.map(({ requester, reason, message }) => {
      const dspScheduleId = scheduleIdIn(requester.origin);
      return {
        requestId: requester.requestId, userId: requester.userId, responseCode: SCHEDULING_RESPONSE_CODES[reason].code,
        outcome: schedulingOutcomeOf(reason), reason, message: message.slice(0, 500), respondedAt: at.toISOString(),
        ...(dspScheduleId ? { dspScheduleId } : {}),
      };
    }));
  }

  /** After the transaction commits. */
  publishSoon(): void {
    this.outbox.publishSoon();
  }

  private async send(manager: EntityManager, responses: ServiceResponse[]): Promise<void> {
    if (responses.length === 0) return;
    await this.outbox.add(manager, [{ topic: Topics.userResponses, messages: responses.map((body) => ({ definition: Topics.userResponses.messages[0], body })) }]);
  }
}
