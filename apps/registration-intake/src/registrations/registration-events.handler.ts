import { Rejection } from '@halfhour/contracts';
import { buildMpanTimeline } from '@halfhour/domain';
import { BatchHandler, BatchResult, ConsumedMessage, RejectedMessage, TopicCatchUp, TransientFailure } from '@halfhour/kafka';
import { isDeepStrictEqual } from 'node:util';
import { RegistrationMetrics, RegistrationOutcome } from '../metrics/registration-metrics';
import { RegistryRepository } from '../registry/registry.repository';
import { RegistrationMessage, requiredParticipant, toRegistrationEvent } from './registration-event.mapper';
import { RegistrationReason } from './registration-reason';

/**
 * Applies a batch of registration and device messages: checks the participants they name (one
 * query), stores the new events (duplicates dropped by message ID), recomputes the timelines of
 * the MPANs they touch from all their events, and saves the changed ones with a new version — all
 * in one transaction, before the offsets are committed.
 */
export class RegistrationEventsHandler implements BatchHandler<RegistrationMessage> {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly metrics: RegistrationMetrics,
    private readonly participants: TopicCatchUp,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<RegistrationMessage>[]): Promise<BatchResult<RegistrationMessage>> {
    const rejected = await this.participantRejections(messages);
    const rejectedOffsets = new Set(rejected.map((r) => r.message.offset));
    const accepted = messages.filter((m) => !rejectedOffsets.has(m.offset));
    const events = accepted.map((m) => toRegistrationEvent(m.envelope.messageId, m.body));

    const applied = await this.registry.transaction(async (manager) => {
      await this.registry.lockMpans(manager, events.map((e) => e.mpan));
      const inserted = await this.registry.insertNewEvents(manager, events);
      const touched = [...new Set(events.filter((e) => inserted.has(e.messageId)).map((e) => e.mpan))];
      if (touched.length === 0) return inserted;
      const stored = await this.registry.timelinesOf(manager, touched);
      // An MPAN without a stored timeline has no earlier events: every stored event leads to one.
      const allEvents = await this.registry.eventsOf(manager, touched.filter((mpan) => stored.has(mpan)));
      for (const event of events) {
        if (!inserted.has(event.messageId) || stored.has(event.mpan)) continue;
        const list = allEvents.get(event.mpan) ?? [];
        list.push(event);
        allEvents.set(event.mpan, list);
      }
      const changed = touched.flatMap((mpan) => {
        const timeline = buildMpanTimeline(mpan, allEvents.get(mpan) ?? []);
        const previous = stored.get(mpan);
        if (previous && isDeepStrictEqual(previous.timeline, timeline)) return [];
        return [{ timeline, version: (previous?.version ?? 0) + 1 }];
      });
      await this.registry.saveTimelines(manager, changed);
      return inserted;
    });

    // A message ID seen twice in one batch is applied once; its second copy is a duplicate.
    const counted = new Set<string>();
    this.count(accepted, ({ envelope: { messageId } }) => {
      const first = !counted.has(messageId);
      counted.add(messageId);
      return first && applied.has(messageId) ? 'applied' : 'duplicate';
    });
    this.count(rejected.map((r) => r.message), () => 'rejected');
    return { rejected };
  }

  private async participantRejections(messages: readonly ConsumedMessage<RegistrationMessage>[]): Promise<RejectedMessage<RegistrationMessage>[]> {
    const needs = messages.map((message) => ({ message, need: requiredParticipant(message.body) }));
    const mpids = needs.flatMap(({ need }) => (need ? [need.mpid] : []));
    if (mpids.length === 0) return [];
    // Asked before the lookup: once the participants consumer has committed everything, its writes
    // are in the database (it commits offsets after them), so the lookup below sees them all.
    const caughtUp = await this.participants.isCaughtUp();
    const roles = await this.registry.rolesOf(mpids);
    const rejected = needs.flatMap(({ message, need }) => {
      if (!need) return [];
      const held = roles.get(need.mpid);
      const rejection: Rejection | undefined = !held
        ? { reasonCode: RegistrationReason.UnknownMpid, message: `${need.mpid} is not a known market participant` }
        : !need.anyOfRoles.some((role) => held.includes(role))
          ? { reasonCode: RegistrationReason.MpidLacksRole, message: `${need.mpid} holds ${held.join(', ')}, not ${need.anyOfRoles.join(' or ')}` }
          : undefined;
      return rejection ? [{ message, rejection }] : [];
    });
    if (!caughtUp && rejected.some((r) => r.rejection.reasonCode === RegistrationReason.UnknownMpid)) {
      throw new TransientFailure('PARTICIPANTS_LOADING', 'market participants are still being loaded; the batch will be retried');
    }
    return rejected;
  }

  private count(messages: readonly ConsumedMessage<RegistrationMessage>[], outcomeOf: (m: ConsumedMessage<RegistrationMessage>) => RegistrationOutcome): void {
    this.metrics.countMessages(messages.map((message) => ({ type: message.envelope.messageType, outcome: outcomeOf(message) })));
  }
}
