import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written while handling one message (or request) carries. */
export interface LogContext {
  correlationId?: string;
  messageId?: string;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, work);
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
