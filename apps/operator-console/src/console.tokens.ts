export const CONSOLE_CLOCK = Symbol('CONSOLE_CLOCK');
export const METRICS_SOURCE = Symbol('METRICS_SOURCE');
