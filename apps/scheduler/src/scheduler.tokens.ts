/** The service's clock (the system clock, or the simulation's stepped one). */
export const CLOCK = Symbol('CLOCK');
