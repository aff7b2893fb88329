import { HealthProbe, ProbeResult } from '@halfhour/observability';
import { ConsumerState } from '../consumer/consumer-state';

/** Fails liveness only when a consumer has crashed for good; a broker outage is not a reason to restart us. */
export class ConsumerLivenessProbe implements HealthProbe {
  constructor(
    readonly name: string,
    private readonly state: ConsumerState,
  ) {}

  check(): ProbeResult {
    const { status, ...rest } = this.state;
    // Terminus reserves the key `status` for up/down.
    return { healthy: status !== 'crashed', detail: { consumer: status, ...rest } };
  }
}
