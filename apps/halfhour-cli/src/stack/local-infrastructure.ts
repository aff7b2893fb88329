import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './stack-settings';

export type Component = 'kafka' | 'kafka-cluster' | 'postgres';

const SCRIPTS: Record<Component, string> = {
  kafka: join(REPOSITORY_ROOT, 'scripts/kafka/kafka.sh'),
  'kafka-cluster': join(REPOSITORY_ROOT, 'scripts/kafka/kafka-cluster.sh'),
  postgres: join(REPOSITORY_ROOT, 'scripts/postgres/postgres.sh'),
};

function run(component: Component, command: string, quiet = false): number | null {
  return spawnSync('bash', [SCRIPTS[component], command], { stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'] }).status;
}

/**
 * `--brokers 3`: the local three-broker cluster, started if it is not up, and this process's
 * environment pointed at it — every service and Kafka client the run makes reads it from there —
 * with topics at replication factor 3 and min.insync.replicas 2, as in production.
 */
export function useLocalCluster(infrastructure: LocalInfrastructure): void {
  infrastructure.ensure('kafka-cluster');
  const brokers = spawnSync('bash', [SCRIPTS['kafka-cluster'], 'brokers'], { encoding: 'utf8' }).stdout.trim();
  if (!brokers) throw new Error('the local cluster did not say where its brokers are');
  Object.assign(process.env, { KAFKA_BROKERS: brokers, KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2' });
}

/**
 * Kafka and PostgreSQL for a local run, through the project's scripts: what was already running
 * (or configured with KAFKA_BROKERS / DATABASE_URL) is used and left alone; what this run had to
 * start, it stops again.
 */
export class LocalInfrastructure {
  private readonly startedHere = new Set<Component>();

  ensure(component: Component): void {
    const wasUp = run(component, 'status', true) === 0;
    if (run(component, 'ensure') !== 0) throw new Error(`could not start ${component}; see the messages above`);
    if (!wasUp) this.startedHere.add(component);
  }

  stopWhatWasStartedHere(): void {
    for (const component of [...this.startedHere].reverse()) run(component, 'stop');
    this.startedHere.clear();
  }
}
