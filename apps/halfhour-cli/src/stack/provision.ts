import { ALL_TOPICS } from '@halfhour/contracts';
import { provisionTopics, ProvisioningReport, topicDurabilityFrom } from '@halfhour/kafka';
import { Client } from 'pg';
import { ServiceEntry } from './service-catalogue';
import { cliKafka } from './cli-kafka';
import { databaseUrl } from './stack-settings';

/** Every registry topic and its DLQ, as the deploy Job does in a cluster, as durable as KAFKA_REPLICATION_FACTOR and KAFKA_MIN_INSYNC_REPLICAS say. */
export async function provisionAllTopics(prefix = process.env.KAFKA_TOPIC_PREFIX ?? ''): Promise<ProvisioningReport> {
  const admin = cliKafka('halfhour-cli').admin();
  await admin.connect();
  try {
    return await provisionTopics(admin, ALL_TOPICS, topicDurabilityFrom(process.env), prefix);
  } finally {
    await admin.disconnect();
  }
}

/** Creates each service's database if it does not exist; the services apply their own migrations. */
export async function createServiceDatabases(services: readonly ServiceEntry[]): Promise<string[]> {
  const wanted = services.flatMap((s) => (s.database ? [s.database] : []));
  if (wanted.length === 0) return [];
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname = ANY($1)', [wanted]);
    const missing = wanted.filter((name) => !rows.some((row) => row.datname === name));
    for (const name of missing) await client.query(`CREATE DATABASE "${name}"`);
    return missing;
  } finally {
    await client.end();
  }
}
