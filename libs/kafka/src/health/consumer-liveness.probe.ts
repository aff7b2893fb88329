import { HealthProbe, ProbeResult } from '@halfhour/observability';
import { ConsumerState } from '../consumer/consumer-state';

/** Fails liveness only when a consumer has crashed for good; a broker outage is not a reason to restart us. */
export class ConsumerLivenessProbe implements HealthProbe {
  constructor(
    readonly name: string,
    private readonly state: ConsumerState,
  ) {}

  check(): ProbeResult {
    return { healthy: this.state.status !== 'crashed', detail: { ...this.state } };
  }
}
