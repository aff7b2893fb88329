import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../../scripts/kafka/kafka-cluster.sh');

function cluster(command: string, quiet = true): { status: number | null; stdout: string } {
  const result = spawnSync('bash', [SCRIPT, command], { encoding: 'utf8', stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'] });
  return { status: result.status, stdout: result.stdout };
}

/**
 * The local three-broker cluster (kafka-cluster.sh) for a test: started if it is not up, and
 * stopped again afterwards only if this test started it.
 */
export class LocalCluster {
  private startedHere = false;
  brokers: string[] = [];

  up(): void {
    const wasUp = cluster('status').status === 0;
    if (cluster('ensure', false).status !== 0) throw new Error('kafka-cluster.sh ensure failed; see its messages above');
    this.startedHere = !wasUp;
    this.brokers = cluster('brokers').stdout.trim().split(',');
  }

  down(): void {
    if (this.startedHere) cluster('stop');
  }
}
