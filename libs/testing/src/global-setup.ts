import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { testBrokers } from './stack-endpoints';

const root = join(__dirname, '..', '..', '..');

function run(script: string, command: string): number | null {
  return spawnSync('bash', [join(root, script), command], { stdio: ['ignore', 'inherit', 'inherit'] }).status;
}

function ensure(script: string): void {
  const status = run(script, 'ensure');
  if (status !== 0) throw new Error(`${script} ensure failed (exit ${status})`);
}

/** The broker may accept connections a moment before it serves metadata; wait until it does. */
async function waitForKafkaMetadata(): Promise<void> {
  const admin = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING, retry: { retries: 20 } }).admin();
  await admin.connect();
  try {
    await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

/** Jest global setup for integration tests: the services compiled, the real Kafka and PostgreSQL up. */
export default async function globalSetup(): Promise<void> {
  ensure('scripts/ensure-build.sh');
  const kafkaWasUp = run('scripts/kafka/kafka.sh', 'status') === 0;
  // A broker this run started is stopped by global-teardown; one that was already up is left alone.
  (globalThis as { halfhourStartedKafka?: boolean }).halfhourStartedKafka = !kafkaWasUp;
  ensure('scripts/kafka/kafka.sh');
  ensure('scripts/postgres/postgres.sh');
  await waitForKafkaMetadata();
}
