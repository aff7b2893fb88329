import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { databaseUrl, REPOSITORY_ROOT } from '../stack/stack-settings';

/**
 * Stops the local broker cleanly and starts it again on its data (`kafka.sh restart`); false when
 * the broker is not this machine's own (KAFKA_BROKERS names another), which cannot be restarted here.
 */
export function restartBroker(): boolean {
  const result = spawnSync('bash', [join(REPOSITORY_ROOT, 'scripts/kafka/kafka.sh'), 'restart'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status === 3) return false;
  if (result.status !== 0) throw new Error(`kafka.sh restart failed (${result.status ?? result.signal})`);
  return true;
}

/**
 * A PostgreSQL outage as the run's services see one, without touching anyone else's databases:
 * the run's databases refuse new connections for `seconds` and every open connection to them is
 * cut; then they take connections again. Returns how many connections were cut.
 */
export async function cutDatabases(databases: readonly string[], seconds: number): Promise<number> {
  const admin = new Client({ connectionString: databaseUrl('postgres') });
  await admin.connect();
  try {
    for (const name of databases) await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS false`);
    const { rows } = await admin.query<{ cut: boolean }>('SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE datname = ANY($1::text[]) AND pid <> pg_backend_pid()', [databases]);
    await sleep(seconds * 1000);
    return rows.filter((row) => row.cut).length;
  } finally {
    for (const name of databases) await admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS true`);
    await admin.end();
  }
}

/** Changes the simulated DIP's behaviour (`down`, `maxCallsPerSecond`, …). */
export async function setDipBehaviour(dipSimulatorUrl: string, behaviour: object): Promise<void> {
  const response = await fetch(`${dipSimulatorUrl}/dip/behaviour`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(behaviour) });
  if (!response.ok) throw new Error(`the DIP simulator refused ${JSON.stringify(behaviour)}: ${response.status}`);
}
