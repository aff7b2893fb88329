import { RequesterDto, ServiceResponse, Topics } from '@halfhour/contracts';
import { SCHEDULING_RESPONSE_CODES, SchedulingRefusal, SUCCESS_RESPONSE_CODE } from '@halfhour/domain';
import { KafkaRuntime } from '@halfhour/kafka';

export interface Acknowledgement {
  requestId: string;
  userId: string;
  dspScheduleId?: string;
  message: string;
}

/** Tells users what became of their schedules and reads, on their response topic. */
export class UserResponder {
  constructor(private readonly kafka: KafkaRuntime) {}

  async acknowledge(acks: readonly Acknowledgement[], at: Date): Promise<void> {
    await this.send(acks.map((ack) => ({
      requestId: ack.requestId, userId: ack.userId, responseCode: SUCCESS_RESPONSE_CODE, outcome: 'ACCEPTED', message: ack.message,
      respondedAt: at.toISOString(), ...(ack.dspScheduleId ? { dspScheduleId: ack.dspScheduleId } : {}),
    })));
  }

  async refuse(refusals: readonly { requester: Pick<RequesterDto, 'userId' | 'requestId' | 'origin'>; reason: SchedulingRefusal; message: string }[], at: Date): Promise<void> {
    await this.send(refusals.map(({ requester, reason, message }) => ({
      requestId: requester.requestId, userId: requester.userId, responseCode: SCHEDULING_RESPONSE_CODES[reason].code,
      outcome: reason === 'SCHEDULE_NOT_FOUND' ? 'REFUSED' : 'FAILED', reason, message: message.slice(0, 500), respondedAt: at.toISOString(),
      ...(requester.origin.startsWith('DSP-') ? { dspScheduleId: requester.origin } : {}),
    })));
  }

  private async send(responses: ServiceResponse[]): Promise<void> {
    if (responses.length === 0) return;
    await this.kafka.producer.publish(Topics.userResponses, responses.map((body) => ({ definition: Topics.userResponses.messages[0], body })));
  }
}
