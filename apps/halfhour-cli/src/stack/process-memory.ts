import { readFileSync } from 'node:fs';

/** What /proc/<pid>/status says of a process's memory, in MB. */
export interface ProcessMemory {
  /** Resident set now (VmRSS). */
  rssMb: number;
  /** The largest resident set it has had (VmHWM). */
  peakRssMb: number;
  /**
   * Of the resident set now, memory only this process holds (RssAnon: heap, buffers, the
   * allocator's): what a container's limit is really against.
   */
  anonymousMb: number;
  /** Of the resident set now, pages mapped from files (RssFile: node's executable, its ICU data), clean and shared by every process on the host. */
  fileMb: number;
}

/** The process's memory now; undefined once it has gone or where /proc is missing. */
export function processMemoryOf(pid: number | undefined): ProcessMemory | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
    return { rssMb: mb('VmRSS'), peakRssMb: mb('VmHWM'), anonymousMb: mb('RssAnon'), fileMb: mb('RssFile') };
  } catch {
    return undefined;
  }
}
