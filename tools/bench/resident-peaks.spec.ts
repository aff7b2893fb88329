import { processMemoryOf } from '../../apps/halfhour-cli/src/stack/process-memory';
import { ResidentPeaks } from './resident-peaks';

describe('resident memory by what backs it', () => {
  it('splits this process’s resident set into its own memory and pages mapped from files', () => {
    const now = processMemoryOf(process.pid)!;
    expect(now.anonymousMb).toBeGreaterThan(0);
    expect(now.fileMb).toBeGreaterThan(0);
    // RssShmem is the rest of VmRSS: none to speak of for node.
    expect(Math.abs(now.anonymousMb + now.fileMb - now.rssMb)).toBeLessThan(2);
  });

  it('keeps each kind’s largest reading per process, and passes over a process that has gone', () => {
    const peaks = new ResidentPeaks();
    peaks.sample({ jest: process.pid, gone: 2 ** 22 + 1 });
    const first = peaks.byProcess.jest;
    const held = Buffer.alloc(64 * 2 ** 20, 1);
    peaks.sample({ jest: process.pid });
    expect(peaks.byProcess.jest.anonymousMb).toBeGreaterThanOrEqual(first.anonymousMb + 60);
    expect(Object.keys(peaks.byProcess)).toEqual(['jest']);
    expect(held.length).toBe(64 * 2 ** 20);
    expect(peaks.line()).toMatch(/^jest \d+ \+ \d+$/);
  });
});
