import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '..', '..');

/** The value after `--name` on the command line. */
export function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A process's peak resident set (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** Starts the broker and PostgreSQL through the project's scripts when they are not up. */
export function ensureStack(): void {
  for (const script of ['scripts/kafka/kafka.sh', 'scripts/postgres/postgres.sh']) {
    if (spawnSync('bash', [join(repositoryRoot, script), 'ensure'], { stdio: 'inherit' }).status !== 0) throw new Error(`${script} failed`);
  }
}
