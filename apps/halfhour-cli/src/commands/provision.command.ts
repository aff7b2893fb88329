import { parseArgs } from 'node:util';
import { SERVICE_CATALOGUE } from '../stack/service-catalogue';
import { createServiceDatabases, provisionAllTopics } from '../stack/provision';

export const PROVISION_USAGE = `  provision [--databases-only]  create topics (KAFKA_REPLICATION_FACTOR, KAFKA_MIN_INSYNC_REPLICAS) and
                              service databases, then exit; --databases-only where a topic operator
                              (Strimzi KafkaTopic resources) owns the topics`;

/** `halfhour provision`: what the deploy's Job runs before the services roll. Strict: an unknown option is an error, not a run. */
export async function provisionCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, allowPositionals: false, options: { 'databases-only': { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return void console.log(`usage: halfhour\n${PROVISION_USAGE}`);
  const topics = values['databases-only'] ? 'left to the topic operator' : await provisionAllTopics();
  const databases = await createServiceDatabases(SERVICE_CATALOGUE);
  console.log(JSON.stringify({ topics, databasesCreated: databases }, null, 2));
}
