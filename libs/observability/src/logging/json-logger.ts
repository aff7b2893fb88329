import pino, { Logger, LoggerOptions } from 'pino';
import { currentLogContext } from './log-context';
import { mpanRedactingStream } from './mpan-redaction';

export type JsonLogger = Logger;

/**
 * One JSON object per line on stdout: level as a word, ISO time, the service's name, and the
 * correlation ID of the message being handled when there is one; MPANs masked (mpan-redaction.ts).
 */
export function createJsonLogger(
  service: string,
  level = 'info',
  destination?: pino.DestinationStream,
): JsonLogger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => ({ ...currentLogContext() }),
  };
  return pino(options, mpanRedactingStream(destination ?? pino.destination(1)) as pino.DestinationStream);
}
