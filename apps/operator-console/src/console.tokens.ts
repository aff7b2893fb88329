export const CONSOLE_CLOCK = Symbol('CONSOLE_CLOCK');
