import { MarketParticipantUpdated } from '@halfhour/contracts';
import { BatchHandler, ConsumedMessage } from '@halfhour/kafka';
import { claimNewMessages } from '@halfhour/persistence';
import { Injectable } from '@nestjs/common';
import { RegistrationMetrics } from '../metrics/registration-metrics';
import { RegistryRepository } from '../registry/registry.repository';

/** Keeps the standing data that MDR and supplier MPIDs are checked against (R-REG-4). */
@Injectable()
export class MarketParticipantsHandler implements BatchHandler<MarketParticipantUpdated> {
  constructor(
    private readonly registry: RegistryRepository,
    private readonly metrics: RegistrationMetrics,
    private readonly consumerGroup: string,
  ) {}

  async handleBatch(messages: readonly ConsumedMessage<MarketParticipantUpdated>[]): Promise<void> {
    const fresh = await this.registry.transaction(async (manager) => {
      const claimed = await claimNewMessages(manager, this.consumerGroup, messages.map((m) => m.envelope.messageId), this.registry.clock.now());
      await this.registry.upsertParticipants(manager, messages.filter((m) => claimed.has(m.envelope.messageId)).map((m) => m.body));
      return claimed;
    });
    this.metrics.countMessages(
      messages.map((m) => ({ type: m.envelope.messageType, outcome: fresh.has(m.envelope.messageId) ? 'applied' : 'duplicate' })),
    );
  }
}
