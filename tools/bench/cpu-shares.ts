import { availableParallelism } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: 100 on every Linux the project runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, or with `thread` one of its threads; 0 once it has gone. */
export function cpuSecondsOf(pid: number, thread?: number): number {
  try {
    // Fields after "(comm) " start at field 3 (state); utime and stime are fields 14 and 15.
    const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
    const fields = readFileSync(path, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Processes whose command line matches, e.g. the broker (`kafka.Kafka`) or every PostgreSQL backend (`^postgres`). */
export function pidsMatching(commandLine: RegExp): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((pid) => {
    try {
      return commandLine.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      return false;
    }
  });
}

interface ProcessCpu {
  all: number;
  main: number;
}

export interface CpuShare {
  name: string;
  cpuSeconds: number;
  /**
   * Of which on the processes' main threads (JavaScript, and the collector's pauses); the rest is
   * their other threads: V8's concurrent marking, sweeping and compiling, libuv's pool.
   */
  mainThreadSeconds: number;
  /** Of the whole machine over the interval: 1 would be every core busy with this alone. */
  share: number;
}

/**
 * Each named group of processes' share of the machine's CPU between `start()` and `shares()`.
 * Groups are looked up afresh at each reading, so PostgreSQL backends that come and go count
 * while they live (a backend that ended in between is missed: a lower bound for PostgreSQL).
 */
export class CpuShares {
  private startedAt = 0;
  private atStart = new Map<string, Map<number, ProcessCpu>>();

  constructor(private readonly groups: Record<string, () => number[]>) {}

  start(): void {
    this.startedAt = Date.now();
    this.atStart = this.read();
  }

  shares(): CpuShare[] {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const capacity = seconds * availableParallelism();
    return [...this.read()].map(([name, now]) => {
      const before = this.atStart.get(name) ?? new Map<number, ProcessCpu>();
      const spent = (part: keyof ProcessCpu) => [...now].reduce((sum, [pid, cpu]) => sum + cpu[part] - (before.get(pid)?.[part] ?? 0), 0);
      const cpuSeconds = spent('all');
      return { name, cpuSeconds, mainThreadSeconds: spent('main'), share: capacity > 0 ? cpuSeconds / capacity : 0 };
    }).sort((a, b) => b.cpuSeconds - a.cpuSeconds);
  }

  private read(): Map<string, Map<number, ProcessCpu>> {
    return new Map(Object.entries(this.groups).map(([name, pids]) => [name, new Map(pids().map((pid) => [pid, { all: cpuSecondsOf(pid), main: cpuSecondsOf(pid, pid) }]))]));
  }
}
