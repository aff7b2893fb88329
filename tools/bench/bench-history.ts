import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot } from './bench-support';
import { compareWithHistory, describeComparison, HistoryEntry } from './history-comparison';

/** One line per `npm run bench`, kept in the repository so a regression shows run to run. */
export const HISTORY_FILE = join('tools', 'bench', 'history.jsonl');

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

export function readHistory(): HistoryEntry[] {
  const file = join(repositoryRoot, HISTORY_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as HistoryEntry);
}

/**
 * Appends the run's figures with when, which commit (and whether the tree had changes) and on what
 * machine; returns the file and the run against the best earlier one of its size on this machine,
 * as lines to print.
 */
export function appendToHistory(figures: Omit<HistoryEntry, 'at' | 'commit' | 'uncommittedChanges' | 'machine'> & Record<string, unknown>): { file: string; comparison: string[]; machine: HistoryEntry['machine'] } {
  const line: HistoryEntry = {
    at: new Date().toISOString(),
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedChanges: git('status', '--porcelain', '--untracked-files=no').length > 0,
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) },
    ...figures,
  };
  const comparison = describeComparison(line, compareWithHistory(line, readHistory()));
  appendFileSync(join(repositoryRoot, HISTORY_FILE), `${JSON.stringify(line)}\n`);
  return { file: HISTORY_FILE, comparison, machine: line.machine };
}
