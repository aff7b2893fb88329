import { processMemoryOf } from '../../apps/halfhour-cli/src/stack/process-memory';

/** A process's largest resident set seen, split by what backs it (`ProcessMemory`), in MB. */
export interface ResidentPeak {
  rssMb: number;
  anonymousMb: number;
  fileMb: number;
}

/** Each process's peaks of resident, anonymous and file-backed memory, each the largest of its own looks. */
export class ResidentPeaks {
  private readonly peaks = new Map<string, ResidentPeak>();

  sample(processIds: Record<string, number>): void {
    for (const [name, pid] of Object.entries(processIds)) {
      const now = processMemoryOf(pid);
      if (!now) continue;
      const before = this.peaks.get(name) ?? { rssMb: 0, anonymousMb: 0, fileMb: 0 };
      this.peaks.set(name, { rssMb: Math.max(before.rssMb, now.rssMb), anonymousMb: Math.max(before.anonymousMb, now.anonymousMb), fileMb: Math.max(before.fileMb, now.fileMb) });
    }
  }

  get byProcess(): Record<string, ResidentPeak> {
    return Object.fromEntries(this.peaks);
  }

  line(): string {
    return [...this.peaks].map(([name, peak]) => `${name} ${peak.anonymousMb.toFixed(0)} + ${peak.fileMb.toFixed(0)}`).join(', ');
  }
}
