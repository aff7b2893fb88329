/**
 * The one source of "now" for every service. In production it is the system clock; for the main
 * job and tests it can run faster than real time from a shared origin, so that every service that
 * reads the same settings agrees on the simulated time (a settlement day in a few minutes).
 */
export interface Clock {
  now(): Date;
  /** Real milliseconds to wait for `simulatedMs` of clock time to pass. */
  realDelayFor(simulatedMs: number): number;
}

export const systemClock: Clock = {
  now: () => new Date(),
  realDelayFor: (simulatedMs) => simulatedMs,
};

export interface AcceleratedClockSettings {
  /** The simulated instant at `realOrigin`. */
  simulatedOrigin: Date;
  realOrigin: Date;
  /** Simulated milliseconds per real millisecond. */
  speed: number;
}

export function acceleratedClock(settings: AcceleratedClockSettings, realNow: () => number = Date.now): Clock {
  if (!(settings.speed > 0)) throw new RangeError(`clock speed must be positive, not ${settings.speed}`);
  const simulatedOrigin = settings.simulatedOrigin.getTime();
  const realOrigin = settings.realOrigin.getTime();
  return {
    now: () => new Date(simulatedOrigin + (realNow() - realOrigin) * settings.speed),
    realDelayFor: (simulatedMs) => Math.max(0, simulatedMs / settings.speed),
  };
}
