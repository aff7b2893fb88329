import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A secret as a mounted Secret's file holds it (with its line break): the path, for a `<NAME>_FILE` setting. */
export function secretFile(value: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'halfhour-secret-')), 'value');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return file;
}
