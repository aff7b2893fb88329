/**
 * node -r @swc-node/register tools/bench/heap-snapshot-summary.ts FILE.heapsnapshot [TOP]
 *
 * What a V8 heap snapshot holds, by kind of object: the bytes each constructor's (or each kind of
 * string's, array's, code's) instances take themselves, largest first. A snapshot holds only what
 * is alive, so this is a process's live set at that moment: take one from a running service with
 * `node --heapsnapshot-signal=SIGUSR2` and `kill -USR2 PID` (docs/performance.md, "Memory").
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapShare {
  name: string;
  count: number;
  bytes: number;
}

/** Each kind of object's count and own bytes in the snapshot, largest first. */
export function heapByKind(snapshot: Snapshot): HeapShare[] {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const kinds = new Map<string, HeapShare>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    // Objects by constructor; strings, arrays, code and the rest by their type alone (their names are their contents).
    const name = type === 'object' || type === 'closure' ? `${snapshot.strings[snapshot.nodes[i + nameAt]]} (${type})` : `(${type})`;
    const share = kinds.get(name) ?? { name, count: 0, bytes: 0 };
    share.count += 1;
    share.bytes += snapshot.nodes[i + sizeAt];
    kinds.set(name, share);
  }
  return [...kinds.values()].sort((a, b) => b.bytes - a.bytes);
}

if (require.main === module) {
  const [file, top = '25'] = process.argv.slice(2);
  const shares = heapByKind(JSON.parse(readFileSync(file, 'utf8')) as Snapshot);
  const total = shares.reduce((sum, share) => sum + share.bytes, 0);
  console.log(`${(total / 2 ** 20).toFixed(1)} MB alive in ${file}`);
  for (const share of shares.slice(0, Number(top))) {
    console.log(`${(share.bytes / 2 ** 20).toFixed(1).padStart(7)} MB ${((share.bytes / total) * 100).toFixed(1).padStart(5)} % ${String(share.count).padStart(9)}  ${share.name}`);
  }
}
