import { StackMetrics } from '../../apps/halfhour-cli/src/day/stack-view';

/** A service's memory at the look where its resident set was largest, in MB, and its GC time over the run. */
export interface MemoryPeak {
  rssMb: number;
  /** The V8 heap as allocated (old, new, code and large-object spaces), of which `heapUsedMb` held objects. */
  heapTotalMb: number;
  heapUsedMb: number;
  /** Memory outside the heap that V8 knows of: Buffers (Kafka records, pg rows) and typed arrays. */
  externalMb: number;
  /** The rest: the executable and its libraries, threads' stacks, the allocator's free lists. */
  otherMb: number;
  gcSeconds: { minor: number; major: number };
}

const MB = 2 ** 20;

/**
 * Each service's memory at its peak, from the looks the run takes at the stack anyway
 * (prom-client's process and Node.js metrics): what a peak resident set is made of.
 */
export class MemoryPeaks {
  private readonly peaks = new Map<string, MemoryPeak>();

  sample(metrics: StackMetrics): void {
    for (const [service, snapshot] of Object.entries(metrics) as [string, StackMetrics['intake']][]) {
      const rss = snapshot.sum('process_resident_memory_bytes') / MB;
      const gcSeconds = { minor: snapshot.histogram('nodejs_gc_duration_seconds', { kind: 'minor' }).sum, major: snapshot.histogram('nodejs_gc_duration_seconds', { kind: 'major' }).sum };
      const before = this.peaks.get(service);
      if (before && before.rssMb >= rss) {
        if (gcSeconds.minor + gcSeconds.major > 0) before.gcSeconds = gcSeconds;
        continue;
      }
      const heapTotalMb = snapshot.sum('nodejs_heap_size_total_bytes') / MB;
      const externalMb = snapshot.sum('nodejs_external_memory_bytes') / MB;
      this.peaks.set(service, {
        rssMb: rss, heapTotalMb, heapUsedMb: snapshot.sum('nodejs_heap_size_used_bytes') / MB, externalMb, otherMb: Math.max(rss - heapTotalMb - externalMb, 0), gcSeconds,
      });
    }
  }

  get byService(): Record<string, MemoryPeak> {
    return Object.fromEntries(this.peaks);
  }

  lines(): string[] {
    return [...this.peaks].map(([service, p]) =>
      `${service.padEnd(10)} RSS ${p.rssMb.toFixed(0).padStart(4)} = heap ${p.heapTotalMb.toFixed(0).padStart(4)} (${p.heapUsedMb.toFixed(0).padStart(3)} in use) + external ${p.externalMb.toFixed(0).padStart(3)} + other ${p.otherMb.toFixed(0).padStart(3)} MB; GC ${p.gcSeconds.minor.toFixed(1)} s minor, ${p.gcSeconds.major.toFixed(1)} s major`);
  }
}
