import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './stack-settings';

/** Where a local stack's operator token is kept for this run (the operator commands read it there). */
export const LOCAL_OPERATOR_TOKEN_FILE = join(REPOSITORY_ROOT, 'out', 'operator-api-token');

/**
 * The operator API token of a stack the project starts: a fresh one per run, with write scope,
 * named `local-operator` in the audit; kept in out/operator-api-token (0600). No stack the project
 * starts serves data without a token, as no production one does.
 */
export function newLocalOperatorToken(): { setting: string; token: string; file: string } {
  const token = randomBytes(24).toString('hex');
  mkdirSync(join(REPOSITORY_ROOT, 'out'), { recursive: true });
  writeFileSync(LOCAL_OPERATOR_TOKEN_FILE, `${token}\n`, { mode: 0o600 });
  return { setting: `local-operator:write:${token}`, token, file: LOCAL_OPERATOR_TOKEN_FILE };
}

/**
 * Checks, once the stack is up, that a data endpoint refuses a caller without the token and
 * answers one with it; throws otherwise, so a stack never runs open by mistake.
 */
export async function assertOperatorApiClosed(url: string, token: string): Promise<string> {
  const without = (await fetch(url)).status;
  const withToken = (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;
  if (without !== 401 || withToken !== 200) throw new Error(`${url} answered ${without} without the operator token and ${withToken} with it: the operator API must be closed`);
  return `operator API closed: ${url} answers 401 without the token, 200 with it`;
}
