import { Topics } from '@halfhour/contracts';
import { mpanCoreFrom } from '@halfhour/domain';
import { ServiceTestBed } from '@halfhour/service-testing';

let serial = Math.floor(Math.random() * 1e9);
/** A valid MPAN no other test run uses. */
export function freshMpan(distributor = '12'): string {
  return mpanCoreFrom(distributor, String(serial++).padStart(10, '0'));
}

/** registration-intake on the real stack, its relay, gauges and statistics on short intervals. */
export class IntakeTestBed extends ServiceTestBed {
  constructor() {
    super({
      name: 'intake',
      entry: 'apps/registration-intake/src/main.ts',
      env: { TIMELINE_RELAY_INTERVAL_MS: '50', REGISTRY_METRICS_INTERVAL_MS: '1000', PLANNER_STATISTICS_INTERVAL_MS: '200' },
    });
  }
}

export const participantDefinition = Topics.marketParticipants.messages[0];
