import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '..', '..');

/** Runs a command from a Debian package, installing the package first through the project's script if it is missing. */
export function runTool(command: string, debianPackage: string, args: readonly string[], cwd = repositoryRoot): { status: number; output: string } {
  const ensured = spawnSync('bash', [join(repositoryRoot, 'scripts/tools/ensure-debian-tool.sh'), command, debianPackage], { encoding: 'utf8' });
  if (ensured.status !== 0) throw new Error(`could not provide ${command}: ${ensured.stderr}`);
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/** The management port the image sets (`MANAGEMENT_PORT` in the Dockerfile): where probes and Prometheus reach a service. */
export function imageManagementPort(): number {
  const match = /MANAGEMENT_PORT=(\d+)/.exec(readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8'));
  if (!match) throw new Error('the Dockerfile sets no MANAGEMENT_PORT');
  return Number(match[1]);
}
