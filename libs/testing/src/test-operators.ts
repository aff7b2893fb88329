import { randomBytes } from 'node:crypto';

/**
 * The operator API clients every service under test knows, as production's token files name them:
 * a duty operator with write scope and the console with read scope. Fresh tokens per test run.
 */
export const TEST_OPERATORS = {
  write: { name: 'duty-operator', token: randomBytes(24).toString('hex') },
  read: { name: 'console', token: randomBytes(24).toString('hex') },
} as const;

/** OPERATOR_API_TOKENS naming both (`name:scope:token`). */
export const TEST_OPERATOR_TOKENS = `${TEST_OPERATORS.write.name}:write:${TEST_OPERATORS.write.token},${TEST_OPERATORS.read.name}:read:${TEST_OPERATORS.read.token}`;

export function operatorHeaders(scope: keyof typeof TEST_OPERATORS): { authorization: string } {
  return { authorization: `Bearer ${TEST_OPERATORS[scope].token}` };
}
