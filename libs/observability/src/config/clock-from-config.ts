import { acceleratedClock, Clock, SteppedClock, systemClock } from '@halfhour/domain';
import { processWork } from '../simulation/work-monitor';
import { ServiceConfig } from './service-config';

type ClockSettings = Pick<ServiceConfig, 'CLOCK_MODE' | 'CLOCK_SPEED' | 'CLOCK_SIMULATED_ORIGIN' | 'CLOCK_REAL_ORIGIN'>;

let processClock: { key: string; clock: Clock } | undefined;

/**
 * The process's clock as the settings describe it; the same object for every caller, so the
 * runner's steps reach every part of a service. A stepped clock also makes the process's tasks
 * prompt (see WorkMonitor).
 */
export function clockFrom(config: ClockSettings): Clock {
  const key = JSON.stringify([config.CLOCK_MODE, config.CLOCK_SPEED, config.CLOCK_SIMULATED_ORIGIN, config.CLOCK_REAL_ORIGIN]);
  if (processClock?.key !== key) processClock = { key, clock: newClock(config) };
  return processClock.clock;
}

function newClock(config: ClockSettings): Clock {
  const { CLOCK_MODE: mode, CLOCK_SIMULATED_ORIGIN: simulated, CLOCK_REAL_ORIGIN: real, CLOCK_SPEED: speed } = config;
  switch (mode) {
    case 'system':
      if (simulated || real || speed !== 1) throw new RangeError('CLOCK_SPEED, CLOCK_SIMULATED_ORIGIN and CLOCK_REAL_ORIGIN need CLOCK_MODE stepped or accelerated');
      return systemClock;
    case 'stepped':
      if (!simulated) throw new RangeError('CLOCK_MODE stepped needs CLOCK_SIMULATED_ORIGIN, the instant the clock starts at');
      processWork.promptTasks = true;
      return new SteppedClock(new Date(simulated));
    case 'accelerated':
      if (!simulated || !real) throw new RangeError('CLOCK_MODE accelerated needs CLOCK_SIMULATED_ORIGIN and CLOCK_REAL_ORIGIN, so every service agrees on the time');
      return acceleratedClock({ simulatedOrigin: new Date(simulated), realOrigin: new Date(real), speed });
    default:
      throw new RangeError(`unknown CLOCK_MODE "${mode}"`);
  }
}
