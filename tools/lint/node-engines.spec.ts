import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';

const root = join(__dirname, '..', '..');

/** Every installed package's `engines.node`, nested ones included. */
function installedEngines(dir: string): { name: string; node: string }[] {
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) return installedEngines(path);
    let own: { name: string; node: string }[] = [];
    try {
      const manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { name: string; version: string; engines?: { node?: string } };
      if (manifest.engines?.node) own = [{ name: `${manifest.name}@${manifest.version}`, node: manifest.engines.node }];
    } catch {
      // not a package
    }
    const nested = join(path, 'node_modules');
    return [...own, ...(readdirSync(path).includes('node_modules') ? installedEngines(nested) : [])];
  });
}

describe('the toolchain', () => {
  it('runs on the oldest Node the project says it supports: no package asks for a newer one', () => {
    const oldest = minVersion((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node)!.version;
    const refusing = installedEngines(join(root, 'node_modules')).filter((p) => !satisfies(oldest, p.node));
    expect({ oldest, refusing }).toEqual({ oldest, refusing: [] });
  });
});
