import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { repositoryRoot } from '../deploy/deploy-tools';

/** Debian's Chromium, installed by the project's own script if it is missing, driven headless by Playwright. */
export async function launchChromium(): Promise<Browser> {
  const ensured = spawnSync('bash', [join(repositoryRoot, 'scripts/tools/ensure-debian-tool.sh'), 'chromium', 'chromium'], { encoding: 'utf8' });
  if (ensured.status !== 0) throw new Error(`could not provide chromium: ${ensured.stderr}`);
  const executablePath = spawnSync('bash', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  // As root (CI, containers) Chromium's own sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
}
