import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isTransientDatabaseError } from './transient-database-error';

function pgError(code: string, message = 'from the server'): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

const failedQuery = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('isTransientDatabaseError', () => {
  it.each([
    ['the server shutting down (57P01), as TypeORM wraps it', failedQuery(pgError('57P01', 'terminating connection due to administrator command'))],
    ['the server starting up (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection failure (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['a deadlock (40P01)', failedQuery(pgError('40P01'))],
    ['a serialization failure (40001)', pgError('40001')],
    ['a database an operator holds closed (55000)', pgError('55000', 'database "scheduler" is not currently accepting connections')],
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection, wrapped as a cause', new Error('the batch failed', { cause: socketError('ECONNRESET') })],
    ['the server going away mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool with no connection to give in time', new Error('timeout exceeded when trying to connect')],
  ])('waits out %s', (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', failedQuery(pgError('23505', 'duplicate key value violates unique constraint'))],
    ['bad SQL (42601)', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a value too long (22001)', pgError('22001')],
    ['a plain programming error', new TypeError("Cannot read properties of undefined (reading 'mpan')")],
    ['something that is not an error', 'connection refused'],
    ['nothing', undefined],
  ])('does not wait out %s: it says something about the work', (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });
});
