import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { heapByKind } from './heap-snapshot-summary';

/**
 * `npm run bench -- --heap-snapshots`: each Halfhour service writes a snapshot of its live heap
 * once, when half the day's MPAN-days are delivered (node's `--heapsnapshot-signal`), and the
 * bench prints what each live set is made of. Taking one stops the service for a few seconds and
 * writing it takes memory of its own, so a run that takes them is no measure of rate nor of peak RSS.
 */
export class HeapSnapshots {
  private taken = false;

  constructor(private readonly dir: string) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  /** What the services' environment adds: node writes a snapshot into `dir` on SIGUSR2. */
  environment(): Record<string, string> {
    return { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${this.dir}` };
  }

  /** Asks each process for its snapshot, once; file names carry the pid. */
  takeOnce(pids: Record<string, number>): void {
    if (this.taken) return;
    this.taken = true;
    this.names = new Map(Object.entries(pids).map(([name, pid]) => [pid, name]));
    for (const pid of Object.values(pids)) process.kill(pid, 'SIGUSR2');
  }

  private names = new Map<number, string>();

  /** Each snapshot's largest kinds of object, by service. */
  lines(top = 8): string[] {
    return readdirSync(this.dir).filter((file) => file.endsWith('.heapsnapshot')).flatMap((file) => {
      const pid = Number(/\.(\d+)\.\d+\.\d+\.heapsnapshot$/.exec(file)?.[1]);
      const shares = heapByKind(JSON.parse(readFileSync(join(this.dir, file), 'utf8')));
      const total = shares.reduce((sum, share) => sum + share.bytes, 0);
      const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
      return [`${this.names.get(pid) ?? pid}: ${mb(total)} MB alive`, ...shares.slice(0, top).map((s) => `  ${mb(s.bytes).padStart(6)} MB ${String(s.count).padStart(8)}  ${s.name}`)];
    });
  }
}
