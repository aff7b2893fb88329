import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from './stack-settings';

type Component = 'kafka' | 'postgres';

const SCRIPTS: Record<Component, string> = {
  kafka: join(REPOSITORY_ROOT, 'scripts/kafka/kafka.sh'),
  postgres: join(REPOSITORY_ROOT, 'scripts/postgres/postgres.sh'),
};

function run(component: Component, command: string, quiet = false): number | null {
  return spawnSync('bash', [SCRIPTS[component], command], { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] }).status;
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
