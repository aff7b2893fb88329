import { ReadResult, RequesterDto, ServiceResponse, Topics } from '@halfhour/contracts';
import { Clock, dipMessageFor, DipSettings, scheduleIdIn, SUCCESS_RESPONSE_CODE } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage, KafkaRuntime } from '@halfhour/kafka';
import { claimNewMessages } from '@halfhour/persistence';
import { createHash, randomUUID } from 'node:crypto';
import { DipMetrics } from '../metrics/dip-metrics';
import { OutboxRepository, StoredAnswer } from '../outbox/outbox-repository';

/**
 * Takes every read result with data (complete or partial) into the DIP outbox as one MPAN-day
 * message, durably, before the offset is committed; then tells each requester where its data went
 * (`I0`). The message's reference is the data item plus a hash of the data, so the same data
 * arriving twice (a redelivery, a cached re-read) is queued once, and better data later is a new
 * message. Answers are an outbox too (`dip_answers`): stored with the MPAN-day in one transaction,
 * once per data and requester, sent after it commits and then marked sent. A crash between the two
 * leaves them unsent; the result is read again (its offset was never committed) and they are sent
 * then, with the message ID stored with them, so a requester is never left without an answer and never gets
 * two it cannot tell apart. Failed reads are the scheduler's to backstop and report.
 */
export class ReadResultsHandler implements BatchHandler<ReadResult> {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly settings: DipSettings,
    private readonly kafka: KafkaRuntime,
    private readonly metrics: DipMetrics,
    private readonly clock: Clock,
    private readonly consumerGroup: string,
    /** Fault injection for the crash test: exit after the transaction, before any answer is sent. */
    private readonly exitBeforeAnswering = false,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<ReadResult>[]): Promise<void> {
    const now = this.clock.now();
    const withData = messages.filter((m) => m.body.outcome !== 'FAILED');
    const queued = withData.map(({ body: r, envelope }) => {
      const day = { itemKey: r.itemKey, mpan: r.mpan, srv: r.srv, settlementDate: r.dataDay, periods: r.periods, registers: r.registers };
      const message = dipMessageFor(this.settings, day, '', now);
      const reference = `${r.itemKey}#${createHash('sha256').update(JSON.stringify(message.custom)).digest('hex').slice(0, 16)}`;
      message.common.senderUniqueReference = reference;
      return { result: r, messageId: envelope.messageId, row: { reference, itemKey: r.itemKey, mpan: r.mpan, message } };
    });
    const answers: StoredAnswer[] = queued.flatMap(({ result, row }) => result.requesters.map((requester) => ({
      reference: row.reference, requestId: requester.requestId, messageId: randomUUID(), response: dataAnswer(result, requester, row.reference, now),
    })));
    const fresh = await this.outbox.dataSource.transaction(async (manager) => {
      const claimed = await claimNewMessages(manager, this.consumerGroup, queued.map((q) => q.messageId), now);
      const freshlyQueued = queued.filter((q) => claimed.has(q.messageId));
      await this.outbox.enqueue(manager, freshlyQueued.map((q) => q.row));
      const freshReferences = new Set(freshlyQueued.map((q) => q.row.reference));
      await this.outbox.recordAnswers(manager, answers.filter((a) => freshReferences.has(a.reference)));
      return freshlyQueued;
    });
    this.metrics.messages.inc({ outcome: 'queued' }, fresh.length);
    if (this.exitBeforeAnswering && answers.length > 0) process.exit(137);

    // Every answer of these results not sent yet: this batch's, and any a crash left unsent before.
    const unsent = await this.outbox.unsentAnswers(answers);
    if (unsent.length === 0) return;
    await this.kafka.producer.publish(Topics.userResponses, unsent.map((answer) => ({
      definition: Topics.userResponses.messages[0], body: answer.response, envelope: { messageId: answer.messageId },
    })));
    await this.outbox.markAnswersSent(unsent, now);
    this.metrics.responses.inc({ code: SUCCESS_RESPONSE_CODE }, unsent.length);
  }
}

/** `I0`: the requester's data is on its way to the DIP, under this reference. */
function dataAnswer(result: ReadResult, requester: RequesterDto, reference: string, now: Date): ServiceResponse {
  const dspScheduleId = scheduleIdIn(requester.origin);
  return {
    requestId: requester.requestId,
    userId: requester.userId,
    responseCode: SUCCESS_RESPONSE_CODE,
    outcome: 'DATA',
    message: `${result.srv} data of ${result.mpan} for ${result.dataDay} (${result.outcome.toLowerCase()}) is on its way to the DIP as ${reference}`,
    dataReference: reference,
    respondedAt: now.toISOString(),
    ...(dspScheduleId ? { dspScheduleId } : {}),
  };
}
