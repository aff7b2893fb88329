import { readFileSync } from 'node:fs';

/** A process's largest resident set seen, split by what backs it, in MB. */
export interface ResidentPeak {
  rssMb: number;
  /**
   * Memory only this process holds (heap, buffers, the allocator's): what a container's limit is
   * really against, and what no other process can share.
   */
  anonymousMb: number;
  /** Pages mapped from files (node's executable, its ICU data): clean, shared by every process on the host, dropped under pressure. */
  fileMb: number;
}

/** One reading of /proc/<pid>/status, in MB; undefined once the process has gone. */
export function residentSetOf(pid: number): ResidentPeak | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return { rssMb: mb('VmRSS'), anonymousMb: mb('RssAnon'), fileMb: mb('RssFile') };
  } catch {
    return undefined;
  }
}

/** Each process's peaks of resident, anonymous and file-backed memory, each the largest of its own looks. */
export class ResidentPeaks {
  private readonly peaks = new Map<string, ResidentPeak>();

  sample(processIds: Record<string, number>): void {
    for (const [name, pid] of Object.entries(processIds)) {
      const now = residentSetOf(pid);
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
