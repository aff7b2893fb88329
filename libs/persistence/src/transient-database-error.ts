import { errorChain } from '@halfhour/observability';

/**
 * SQLSTATEs of a database that is restarting, overloaded or momentarily in conflict: class 08
 * (connection exception), class 53 (insufficient resources: too many connections, out of memory or
 * disk), 57P01–57P03 (terminated by an administrator or a crash, cannot connect now), 40001 and
 * 40P01 (serialization failure, deadlock: the transaction may simply run again), and 55000 — a
 * connection refused while an operator holds the database closed (ALLOW_CONNECTIONS false).
 */
const TRANSIENT_STATES = [/^08/, /^53/, /^57P0[1-3]$/, /^40001$/, /^40P01$/, /^55000$/];

/** Socket errors of a connection that broke or could not be made. */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * What the pg driver and its pool throw, without a SQLSTATE, when the server goes away under them
 * or no connection can be had in time.
 */
const TRANSIENT_DRIVER_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect$/, /not queryable/, /^Client was closed/];

/**
 * A database error that passes by itself once PostgreSQL is back: the work waits and runs again,
 * and its messages are never dead-lettered for it. Constraint violations, bad SQL and the like are
 * not transient: they say something about the work.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  return errorChain(error).some((link) => {
    if (typeof link !== 'object' || link === null) return false;
    const { code, message } = link as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (TRANSIENT_STATES.some((state) => state.test(code)) || TRANSIENT_SOCKET_CODES.has(code))) return true;
    return typeof message === 'string' && TRANSIENT_DRIVER_MESSAGES.some((pattern) => pattern.test(message));
  });
}
