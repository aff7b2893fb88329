import { acceleratedClock, Clock, systemClock } from '@halfhour/domain';
import { ServiceConfig } from './service-config';

/** The clock the settings describe: accelerated from a shared origin, or the system clock. */
export function clockFrom(config: Pick<ServiceConfig, 'CLOCK_SPEED' | 'CLOCK_SIMULATED_ORIGIN' | 'CLOCK_REAL_ORIGIN'>): Clock {
  const { CLOCK_SIMULATED_ORIGIN: simulated, CLOCK_REAL_ORIGIN: real, CLOCK_SPEED: speed } = config;
  if (!simulated && !real) {
    if (speed !== 1) throw new RangeError('CLOCK_SPEED needs CLOCK_SIMULATED_ORIGIN and CLOCK_REAL_ORIGIN, so every service agrees on the time');
    return systemClock;
  }
  if (!simulated || !real) throw new RangeError('CLOCK_SIMULATED_ORIGIN and CLOCK_REAL_ORIGIN are set together or not at all');
  return acceleratedClock({ simulatedOrigin: new Date(simulated), realOrigin: new Date(real), speed });
}
