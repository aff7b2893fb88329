import { Topics } from '@halfhour/contracts';
import { KafkaRuntime } from '@halfhour/kafka';

/**
 * Whether this service has read the market-participants topic to its end. Until it has, an MPID
 * it does not know may simply not be loaded yet (a fresh deployment, a replay), so a registration
 * naming it is retried rather than refused. Once caught up, it stays caught up: standing data
 * published after the registrations that name it is a publisher's error (UNKNOWN_MPID).
 */
export class ParticipantsCatchUp {
  private caughtUp = false;

  constructor(
    private readonly kafka: KafkaRuntime,
    private readonly participantsGroup: string,
  ) {}

  async isCaughtUp(): Promise<boolean> {
    if (!this.caughtUp) this.caughtUp = (await this.kafka.consumerLag(this.participantsGroup, Topics.marketParticipants)) === 0;
    return this.caughtUp;
  }
}
