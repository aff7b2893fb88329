import { MessageEnvelope, ServiceRequest, Topics, TransportReason } from '@halfhour/contracts';
import { AccessPolicy, Clock, decideServiceRequest, verifyRequestSignature } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage, KafkaRuntime, RejectedMessage, TopicCatchUp, TransientFailure } from '@halfhour/kafka';
import { RegistryViewRepository } from '@halfhour/registry-view';
import { AccessMetrics } from '../metrics/access-metrics';
import { AccessRepository, DecisionRecord } from '../view/access-repository';
import { decisionRecord } from './decision-output';
import { PublicKeyCache } from './public-key-cache';
import { toRequestToDecide } from './service-request.mapper';

/**
 * Decides a batch of service requests set-wise: one read of the users and one of the timelines the
 * batch names, then, in one transaction, the decisions already stored for these messages, the
 * users' counters (locked), and the new decisions and counters written in bulk. The outputs are
 * published after the commit and before the offsets are; a redelivered message republishes its
 * stored decision rather than being decided again (its counter is already spent).
 */
export class ServiceRequestsHandler implements BatchHandler<ServiceRequest> {
  private readonly keys = new PublicKeyCache();

  constructor(
    private readonly policy: AccessPolicy,
    private readonly repository: AccessRepository,
    private readonly registryView: RegistryViewRepository,
    private readonly kafka: KafkaRuntime,
    private readonly metrics: AccessMetrics,
    private readonly views: readonly TopicCatchUp[],
    private readonly clock: Clock,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<ServiceRequest>[]): Promise<{ rejected: RejectedMessage<ServiceRequest>[] }> {
    for (const view of this.views) {
      if (!(await view.isCaughtUp())) throw new TransientFailure('VIEWS_LOADING', 'the registry and user views are still being loaded; requests wait');
    }
    const parsed = messages.map((message) => ({ message, request: toRequestToDecide(message.body) }));
    const [users, timelines] = await Promise.all([
      this.repository.usersOf(parsed.map((p) => p.request.requestId.originator)),
      this.registryView.timelinesOf(parsed.map((p) => p.request.mpan)),
    ]);

    const { fresh, redelivered, reused } = await this.repository.transaction(async (manager) => {
      const stored = await this.repository.decisionsOf(manager, messages.map((m) => m.envelope.messageId));
      const counters = await this.repository.lockCounters(manager, [...users.keys()]);
      const spent = new Map<string, bigint>();
      const decided = new Map<string, DecisionRecord>();
      const again: DecisionRecord[] = [];
      const reusedIds: ConsumedMessage<ServiceRequest>[] = [];
      for (const { message, request } of parsed) {
        const messageId = message.envelope.messageId;
        const earlier = stored.get(messageId) ?? decided.get(messageId);
        // The same ID on another request is not a redelivery: that request would go unanswered.
        if (earlier && earlier.requestId !== message.body.requestId) {
          reusedIds.push(message);
          continue;
        }
        if (earlier) {
          again.push(earlier);
          continue;
        }
        const userId = request.requestId.originator;
        const user = users.get(userId);
        const viewed = timelines.get(request.mpan);
        const now = this.clock.now();
        const decision = decideServiceRequest(this.policy, request, {
          user,
          lastAcceptedCounter: counters.get(userId),
          timeline: viewed?.timeline,
          verifiesWith: (key) => {
            const publicKey = this.keys.get(key.publicKeyPem);
            return publicKey !== null && verifyRequestSignature(message.body as unknown as Record<string, unknown>, publicKey);
          },
          now,
        });
        if (decision.authorised || decision.authenticated) {
          counters.set(userId, request.requestId.counter);
          spent.set(userId, request.requestId.counter);
        }
        decided.set(messageId, decisionRecord(this.policy, decision, { messageId, request: message.body, userMpid: user?.mpid, registry: viewed, decidedAt: now }));
      }
      await this.repository.saveDecisions(manager, [...decided.values()]);
      await this.repository.saveCounters(manager, spent);
      return { fresh: [...decided.values()], redelivered: again, reused: reusedIds };
    });

    const envelopes = new Map(messages.map((m) => [m.envelope.messageId, m.envelope]));
    await this.publish([...fresh, ...redelivered], envelopes);
    const publishedAt = this.clock.now().getTime();
    for (const record of fresh) {
      this.metrics.countDecision(record.authorised ? 'authorised' : 'refused', record.srv, record.role, record.reason ?? undefined);
      const requestedAt = Date.parse(envelopes.get(record.messageId)!.occurredAt);
      this.metrics.latency.observe(Math.max(0, publishedAt - requestedAt) / 1000);
    }
    this.metrics.redelivered.inc(redelivered.length);
    return {
      rejected: reused.map((message) => ({
        message,
        rejection: { reasonCode: TransportReason.MessageIdReused, message: `${message.envelope.messageId} was the message ID of another request; this one (${message.body.requestId}) is not decided under it` },
      })),
    };
  }

  private async publish(records: readonly DecisionRecord[], causes: ReadonlyMap<string, MessageEnvelope>): Promise<void> {
    const outgoing = (kind: 'authorised' | 'response') =>
      records
        .filter((r) => r.output.kind === kind)
        .map((r) => ({
          body: r.output.body as never,
          envelope: {
            messageId: r.output.messageId,
            causedBy: causes.get(r.messageId)!,
            ...(r.output.deadline ? { deadline: new Date(r.output.deadline) } : {}),
          },
        }));
    // Built from validated requests; decision-output.spec.ts proves every shape valid.
    await this.kafka.producer.publishBatches(
      [
        { topic: Topics.authorisedRequests, messages: outgoing('authorised').map((m) => ({ ...m, definition: Topics.authorisedRequests.messages[0] })) },
        { topic: Topics.userResponses, messages: outgoing('response').map((m) => ({ ...m, definition: Topics.userResponses.messages[0] })) },
      ],
      { prevalidated: true },
    );
  }
}
