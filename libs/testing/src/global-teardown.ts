import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Stops the broker if this test run started it, so CI leaves nothing running. */
export default async function globalTeardown(): Promise<void> {
  if ((globalThis as { halfhourStartedKafka?: boolean }).halfhourStartedKafka) {
    spawnSync('bash', [join(root, 'scripts/kafka/kafka.sh'), 'stop'], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
}
