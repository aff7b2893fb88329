import { ReadResult, ServiceResponse, Topics } from '@halfhour/contracts';
import { Clock, dipMessageFor, DipSettings, SUCCESS_RESPONSE_CODE } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage, KafkaRuntime } from '@halfhour/kafka';
import { claimNewMessages } from '@halfhour/persistence';
import { createHash } from 'node:crypto';
import { DipMetrics } from '../metrics/dip-metrics';
import { answerKey, OutboxRepository } from '../outbox/outbox-repository';

/**
 * Takes every read result with data (complete or partial) into the DIP outbox as one MPAN-day
 * message, durably, before the offset is committed; then tells each requester where its data went
 * (`I0`). The message's reference is the data item plus a hash of the data, so the same data
 * arriving twice (a redelivery, a cached re-read) is queued once, and better data later is a new
 * message. Each requester is told once per data (`dip_answers`): the same data read again for the
 * same command — a redelivery under load — answers nobody twice. Failed reads are the
 * scheduler's to backstop and report.
 */
export class ReadResultsHandler implements BatchHandler<ReadResult> {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly settings: DipSettings,
    private readonly kafka: KafkaRuntime,
    private readonly metrics: DipMetrics,
    private readonly clock: Clock,
    private readonly consumerGroup: string,
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
    const { fresh, untold } = await this.outbox.dataSource.transaction(async (manager) => {
      const claimed = await claimNewMessages(manager, this.consumerGroup, queued.map((q) => q.messageId));
      const freshlyQueued = queued.filter((q) => claimed.has(q.messageId));
      await this.outbox.enqueue(manager, freshlyQueued.map((q) => q.row));
      const answers = freshlyQueued.flatMap(({ result, row }) => result.requesters.map((r) => ({ reference: row.reference, requestId: r.requestId })));
      return { fresh: freshlyQueued, untold: await this.outbox.claimAnswers(manager, answers) };
    });
    this.metrics.messages.inc({ outcome: 'queued' }, fresh.length);

    const responses: ServiceResponse[] = fresh.flatMap(({ result, row }) => result.requesters.filter((r) => untold.has(answerKey(row.reference, r.requestId))).map((requester) => ({
      requestId: requester.requestId,
      userId: requester.userId,
      responseCode: SUCCESS_RESPONSE_CODE,
      outcome: 'DATA' as const,
      message: `${result.srv} data of ${result.mpan} for ${result.dataDay} (${result.outcome.toLowerCase()}) is on its way to the DIP as ${row.reference}`,
      dataReference: row.reference,
      respondedAt: now.toISOString(),
      ...(requester.origin.startsWith('DSP-') ? { dspScheduleId: requester.origin } : {}),
    })));
    if (responses.length === 0) return;
    await this.kafka.producer.publish(Topics.userResponses, responses.map((body) => ({ definition: Topics.userResponses.messages[0], body })));
    this.metrics.responses.inc({ code: SUCCESS_RESPONSE_CODE }, responses.length);
  }
}
