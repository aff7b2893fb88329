import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `read`: the report, audit, registry and plan endpoints. `write`: those and the commands that change things. */
export const OPERATOR_SCOPES = ['read', 'write'] as const;
export type OperatorScope = (typeof OPERATOR_SCOPES)[number];

/** Who calls the operator API, as its token says: the name the audit records, and what it may do. */
export interface OperatorIdentity {
  name: string;
  scope: OperatorScope;
}

export interface OperatorCredential extends OperatorIdentity {
  token: string;
}

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TOKEN = /^[\x21-\x7e]{32,}$/;

/**
 * Credentials from a directory with one directory per client, as Kubernetes mounts one Secret per
 * client in a projected volume: `<dir>/<name>/token` (one token, or two lines during a rotation)
 * and `<dir>/<name>/scope` (`read` or `write`). Throws naming the first entry it cannot use.
 */
export function credentialsFromDirectory(directory: string): OperatorCredential[] {
  return readdirSync(directory)
    .filter((name) => !name.startsWith('.') && statSync(join(directory, name)).isDirectory())
    .flatMap((name) => {
      if (!NAME.test(name)) throw new Error(`operator token directory "${name}": a name is lower-case letters, digits and -`);
      const scope = readFileSync(join(directory, name, 'scope'), 'utf8').trim();
      if (!(OPERATOR_SCOPES as readonly string[]).includes(scope)) throw new Error(`operator "${name}": scope "${scope}" is not read or write`);
      const tokens = readFileSync(join(directory, name, 'token'), 'utf8').split('\n').map((t) => t.trim()).filter((t) => t !== '');
      if (tokens.length === 0 || tokens.some((t) => !TOKEN.test(t))) throw new Error(`operator "${name}": each token is at least 32 printable characters, one per line`);
      return tokens.map((token) => ({ name, scope: scope as OperatorScope, token }));
    });
}

/**
 * Credentials from OPERATOR_API_TOKENS (development and tests): comma-separated `name:scope:token`,
 * or a bare token, which is the `operator` with write scope.
 */
export function credentialsFromSetting(setting: string): OperatorCredential[] {
  return setting.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '').map((entry) => {
    const named = /^([a-z0-9][a-z0-9-]{0,62}):(read|write):(.+)$/.exec(entry);
    return named ? { name: named[1], scope: named[2] as OperatorScope, token: named[3] } : { name: 'operator', scope: 'write' as const, token: entry };
  });
}

/** How often a token directory is read again: a rotated Secret takes effect without a restart. */
const RELOAD_AFTER_MS = 10_000;

/** The credentials in force: the setting's, and the directory's as last read. */
export class OperatorCredentials {
  private fromDirectory: OperatorCredential[] = [];
  private readAt = 0;

  constructor(
    private readonly setting: string,
    private readonly directory = '',
    private readonly onReloadFailure: (error: Error) => void = () => undefined,
  ) {
    if (directory) this.fromDirectory = credentialsFromDirectory(directory);
    this.readAt = Date.now();
  }

  /** True when no credential is configured at all: the API is open (development only). */
  get open(): boolean {
    return this.current().length === 0;
  }

  current(): OperatorCredential[] {
    if (this.directory && Date.now() - this.readAt > RELOAD_AFTER_MS) {
      this.readAt = Date.now();
      try {
        this.fromDirectory = credentialsFromDirectory(this.directory);
      } catch (error) {
        this.onReloadFailure(error as Error); // keep the last good set
      }
    }
    return [...credentialsFromSetting(this.setting), ...this.fromDirectory];
  }
}

/** The credentials a service's settings name; warns when there are none (the API is then open: development only). */
export function operatorCredentialsFrom(
  config: { OPERATOR_API_TOKENS: string; OPERATOR_TOKENS_DIR: string },
  logger: { warn(fields: object, message: string): void; warn(message: string): void },
): OperatorCredentials {
  const credentials = new OperatorCredentials(config.OPERATOR_API_TOKENS, config.OPERATOR_TOKENS_DIR, (error) =>
    logger.warn({ err: error }, 'operator tokens could not be read again; the last set read stays in force'));
  if (credentials.open) logger.warn('no operator API credentials (OPERATOR_TOKENS_DIR, OPERATOR_API_TOKENS): the API is open to anyone who can reach the port (development only)');
  return credentials;
}
