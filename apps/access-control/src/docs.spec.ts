import { ALL_REFUSALS, REFUSAL_RESPONSE_CODES } from '@halfhour/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('docs/access-control.md', () => {
  it('lists every response code as the code defines it', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'access-control.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `(E\d+)` \| `(\w+)` \| (.+) \|$/gm)].map(([, code, reason, meaning]) => ({ code, reason, meaning }));
    const expected = ALL_REFUSALS.map((reason) => ({ reason, ...REFUSAL_RESPONSE_CODES[reason] }));
    expect(rows.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual(expected.sort((a, b) => a.reason.localeCompare(b.reason)));
  });
});
