import { MetricsSnapshot } from '../../apps/halfhour-cli/src/day/metrics-reader';
import { StackMetrics } from '../../apps/halfhour-cli/src/day/stack-view';
import { MemoryPeaks } from './memory-peaks';

const MB = 2 ** 20;

function look(rssMb: number, heapTotalMb: number, majorGcSeconds: number): StackMetrics {
  const scheduler = MetricsSnapshot.parse([
    `process_resident_memory_bytes ${rssMb * MB}`,
    `nodejs_heap_size_total_bytes ${heapTotalMb * MB}`,
    `nodejs_heap_size_used_bytes ${(heapTotalMb / 2) * MB}`,
    `nodejs_external_memory_bytes ${10 * MB}`,
    `nodejs_gc_duration_seconds_sum{kind="major"} ${majorGcSeconds}`,
    `nodejs_gc_duration_seconds_count{kind="major"} 3`,
  ].join('\n'));
  const empty = MetricsSnapshot.empty();
  return { intake: empty, access: empty, scheduler, smets1: empty, smets2: empty, dip: empty };
}

describe('each service’s memory at its peak', () => {
  it('keeps the look with the largest resident set, split into heap, external and the rest, and the GC time so far', () => {
    const peaks = new MemoryPeaks();
    peaks.sample(look(200, 120, 1));
    peaks.sample(look(250, 150, 2));
    peaks.sample(look(230, 160, 4));
    expect(peaks.byService.scheduler).toEqual({ rssMb: 250, heapTotalMb: 150, heapUsedMb: 75, externalMb: 10, otherMb: 90, gcSeconds: { minor: 0, major: 4 } });
    expect(peaks.lines().find((line) => line.startsWith('scheduler'))).toMatch(/RSS {2}250 = heap {2}150 \( 75 in use\) \+ external {2}10 \+ other {2}90 MB; GC 0\.0 s minor, 4\.0 s major/);
  });
});
