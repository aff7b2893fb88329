import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialsFromDirectory } from './operator-credentials';

describe('operator tokens as files, one directory per client', () => {
  let directory: string;
  const client = (name: string, scope: string, tokens: string) => {
    mkdirSync(join(directory, name));
    writeFileSync(join(directory, name, 'scope'), `${scope}\n`);
    writeFileSync(join(directory, name, 'token'), tokens);
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'operator-tokens-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('reads each client’s name, scope and tokens (two during a rotation)', () => {
    client('console', 'read', 'c'.repeat(40));
    client('duty-operator', 'write', `${'a'.repeat(40)}\n${'b'.repeat(40)}\n`);
    writeFileSync(join(directory, '..data'), 'Kubernetes keeps its own files here');
    expect(credentialsFromDirectory(directory).sort((a, b) => a.token.localeCompare(b.token))).toEqual([
      { name: 'duty-operator', scope: 'write', token: 'a'.repeat(40) },
      { name: 'duty-operator', scope: 'write', token: 'b'.repeat(40) },
      { name: 'console', scope: 'read', token: 'c'.repeat(40) },
    ]);
  });

  it('refuses a client with an unknown scope, a short token or a name that is not one', () => {
    client('console', 'admin', 'c'.repeat(40));
    expect(() => credentialsFromDirectory(directory)).toThrow(/scope "admin" is not read or write/);
    rmSync(join(directory, 'console'), { recursive: true });
    client('console', 'read', 'short');
    expect(() => credentialsFromDirectory(directory)).toThrow(/at least 32 printable characters/);
    rmSync(join(directory, 'console'), { recursive: true });
    client('Console_1', 'read', 'c'.repeat(40));
    expect(() => credentialsFromDirectory(directory)).toThrow(/lower-case letters/);
  });
});
