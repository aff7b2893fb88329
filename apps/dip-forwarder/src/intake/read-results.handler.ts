import { ReadResult, Topics } from '@halfhour/contracts';
import { Clock, dipMessageFor, DipSettings, storedDipDayOf, SUCCESS_RESPONSE_CODE } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage, KafkaRuntime } from '@halfhour/kafka';
import { claimNewMessages } from '@halfhour/persistence';
import { createHash } from 'node:crypto';
import { DipMetrics } from '../metrics/dip-metrics';
import { OutboxRepository } from '../outbox/outbox-repository';
import { answersOf, routedResult } from './data-answers';

/**
 * Routes every read result with data (complete or partial) by its requesters' purposes
 * (routeData). Settlement data goes into the DIP outbox as one MPAN-day message, durably, before
 * the offset is committed, and its settlement requesters are told where it went (`I0` with the
 * DIP reference). Every other requester gets the values themselves (`I0` with `values`), and data
 * that is nobody's settlement never reaches the DIP. The reference is the data item plus a hash
 * of the data, so the same data arriving twice (a redelivery, a cached re-read) is queued once,
 * and better data later is a new message. Answers are sent after the commit, before the offset
 * is: a crash in between reads the result again and sends them then. Each answer's message ID is
 * derived from its reference and request, so an answer sent again is a repeat the requester drops
 * by its ID, and a latecomer on the same data still gets its own. Failed reads are the
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
    /** Fault injection for the crash test: exit after the transaction, before any answer is sent. */
    private readonly exitBeforeAnswering = false,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<ReadResult>[]): Promise<void> {
    const now = this.clock.now();
    const withData = messages.filter((m) => m.body.outcome !== 'FAILED');
    const routed = withData.map(({ body: r, envelope }) => {
      const day = { itemKey: r.itemKey, mpan: r.mpan, srv: r.srv, settlementDate: r.dataDay, periods: r.periods, registers: r.registers };
      const message = dipMessageFor(this.settings, day, '', now);
      const reference = `${r.itemKey}#${createHash('sha256').update(JSON.stringify(message.custom)).digest('hex').slice(0, 16)}`;
      return { ...routedResult(r, reference), messageId: envelope.messageId, day };
    });
    // Only settlement data is stored for the DIP.
    const queued = routed.filter((r) => r.routing.toDip).map((r) => ({ messageId: r.messageId, row: { reference: r.reference, stored: storedDipDayOf(r.day, now) } }));
    await this.outbox.preparePartitions(queued.map((q) => q.row.stored.settlementDate));
    const fresh = await this.outbox.dataSource.transaction(async (manager) => {
      const claimed = await claimNewMessages(manager, this.consumerGroup, queued.map((q) => q.messageId), now);
      const freshlyQueued = queued.filter((q) => claimed.has(q.messageId));
      await this.outbox.enqueue(manager, freshlyQueued.map((q) => q.row));
      return freshlyQueued;
    });
    this.metrics.messages.inc({ outcome: 'queued' }, fresh.length);
    if (this.exitBeforeAnswering && queued.length > 0) process.exit(137);

    // Every result's answers, fresh or read again: one read again may be one whose answers a crash kept from going.
    const answers = answersOf(routed, now);
    if (answers.length === 0) return;
    await this.kafka.producer.publish(Topics.userResponses, answers.map(({ messageId, response }) => ({
      definition: Topics.userResponses.messages[0], body: response, envelope: { messageId },
    })));
    for (const route of ['dip', 'requester'] as const) this.metrics.dataAnswers.inc({ route }, answers.filter((a) => a.route === route).length);
    this.metrics.responses.inc({ code: SUCCESS_RESPONSE_CODE }, answers.length);
  }
}
