import { RequestAuthorised } from '@halfhour/contracts';
import { Clock } from '@halfhour/domain';
import { BatchHandler, ConsumedMessage } from '@halfhour/kafka';
import { claimNewMessages } from '@halfhour/persistence';
import { DataSource } from 'typeorm';
import { UserResponder } from '../responses/user-responder';
import { RequestKindHandler } from './request-kind';

/**
 * What access-control authorised, each request handed to the handler of its kind (create, read or
 * delete a schedule, an on-demand read). The batch's new messages are claimed in the inbox in the
 * same transaction as everything the handlers write, their answers included, so a redelivered
 * request changes nothing and is not answered again.
 */
export class AuthorisedRequestsHandler implements BatchHandler<RequestAuthorised> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly kinds: readonly RequestKindHandler[],
    private readonly responder: UserResponder,
    private readonly clock: Clock,
    private readonly consumerGroup: string,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<RequestAuthorised>[]): Promise<void> {
    const now = this.clock.now();
    for (const kind of this.kinds) await kind.prepare?.(now);
    await this.dataSource.transaction(async (manager) => {
      const fresh = await claimNewMessages(manager, this.consumerGroup, messages.map((m) => m.envelope.messageId), now);
      const requests = messages.filter((m) => fresh.has(m.envelope.messageId)).map((m) => m.body);
      const byKind = this.kinds.map((kind) => ({ kind, own: requests.filter((r) => kind.accepts(r)) })).filter(({ own }) => own.length > 0);
      for (const { kind, own } of byKind) await kind.lock?.(manager, own, now);
      for (const { kind, own } of byKind) await kind.handle(manager, own, now);
    });
    this.responder.publishSoon();
  }
}
