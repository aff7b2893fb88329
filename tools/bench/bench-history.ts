import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './bench-support';

/** One line per `npm run bench`, kept in the repository so a regression shows run to run. */
export const HISTORY_FILE = join('tools', 'bench', 'history.jsonl');

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** Appends the run's figures with when, which commit (and whether the tree had changes) and on what machine; returns the file. */
export function appendToHistory(figures: Record<string, unknown>): string {
  const line = {
    at: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedChanges: git('status', '--porcelain', '--untracked-files=no').length > 0,
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) },
    ...figures,
  };
  appendFileSync(join(repositoryRoot, HISTORY_FILE), `${JSON.stringify(line)}\n`);
  return HISTORY_FILE;
}
