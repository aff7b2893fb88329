import { LocalInfrastructure } from '../stack/local-infrastructure';
import { assertPortsFree } from '../stack/port-preflight';
import { createServiceDatabases, provisionAllTopics } from '../stack/provision';
import { ServiceEntry } from '../stack/service-catalogue';
import { ServiceProcess, waitUntilAllReady } from '../stack/service-process';
import { databaseUrl, kafkaBrokers } from '../stack/stack-settings';
import { assertOperatorApiClosed, newLocalOperatorToken } from '../stack/local-operator-token';
import { checkedNamespace, namespacedDatabase } from '../stack/stack-namespace';
import { consoleEnvironment, simulatorEnvironment, stackEntries } from '../stack/stack-wiring';

export interface StartOptions {
  /** Stop as soon as everything is up (used by the smoke test), instead of waiting for Ctrl-C. */
  exitWhenReady: boolean;
  /** Added to every process's usual port, so the stack can sit beside another. */
  portOffset: number;
  /** Topics under `<namespace>.` and databases `<namespace>_<service>`, kept between runs; none: the plain names. */
  namespace?: string;
}

/** A stack's topic prefix and database names. */
function stackNaming(namespace: string | undefined): { topicPrefix: string; database: (entry: ServiceEntry) => string | undefined } {
  if (namespace === undefined) return { topicPrefix: '', database: (entry) => entry.database };
  checkedNamespace(namespace);
  return { topicPrefix: `${namespace}.`, database: (entry) => entry.database && namespacedDatabase(namespace, entry.database) };
}

/**
 * `npm start`: Kafka and PostgreSQL (started if they are not up), every topic, every service's
 * database, every service; prints where each listens; stops it all cleanly on Ctrl-C or SIGTERM.
 */
export async function startCommand(options: StartOptions): Promise<void> {
  const infrastructure = new LocalInfrastructure();
  const entries = stackEntries(options.portOffset);
  const naming = stackNaming(options.namespace);
  const services = entries.map((entry) => new ServiceProcess(entry));
  let stopping: Promise<void> | undefined;
  let operator: ReturnType<typeof newLocalOperatorToken> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      console.log('\nstopping services…');
      await Promise.all(services.map((service) => service.stop()));
      infrastructure.stopWhatWasStartedHere();
      console.log('stopped cleanly');
    })());

  try {
    await assertPortsFree(entries.map((entry) => ({ name: entry.name, port: entry.httpPort })));
    infrastructure.ensure('kafka');
    infrastructure.ensure('postgres');
    const topics = await provisionAllTopics(naming.topicPrefix);
    console.log(`topics: ${topics.created.length} created, ${topics.existing.length} already there`);
    for (const mismatch of topics.partitionMismatches) {
      console.warn(`warning: ${mismatch.topic} has ${mismatch.actual} partitions; the registry says ${mismatch.expected}`);
    }
    const databases = await createServiceDatabases(entries.map((entry) => ({ ...entry, database: naming.database(entry) })));
    if (databases.length > 0) console.log(`databases created: ${databases.join(', ')}`);

    operator = newLocalOperatorToken();
    const wiring = { ...simulatorEnvironment(entries), ...consoleEnvironment(entries), KAFKA_TOPIC_PREFIX: naming.topicPrefix, OPERATOR_API_TOKENS: operator.setting };
    for (const service of services) {
      const database = naming.database(service.entry);
      service.start({ ...wiring, CONSUMER_GROUP: `${naming.topicPrefix}${service.entry.name}`, ...(database ? { DATABASE_URL: databaseUrl(database) } : {}) });
    }
    await waitUntilAllReady(services, (line) => console.log(line));
    const scheduler = entries.find((entry) => entry.name === 'scheduler');
    if (scheduler) console.log(await assertOperatorApiClosed(`http://127.0.0.1:${scheduler.httpPort}/capacity`, operator.token));
  } catch (error) {
    await stopAll();
    throw error;
  }

  printWhereThingsAre(services);
  console.log(`\noperator API token (write scope, "local-operator" in the audit) in ${operator!.file}:`);
  console.log(`  curl -H "Authorization: Bearer $(cat ${operator!.file})" http://127.0.0.1:${entries[0]?.httpPort ?? 8081}/mpans/<mpan>`);
  if (options.exitWhenReady) {
    await stopAll();
    return;
  }
  console.log('\nrunning; press Ctrl-C to stop');
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().then(resolve));
  });
}

function printWhereThingsAre(services: readonly ServiceProcess[]): void {
  console.log(`\nKafka      ${kafkaBrokers()}`);
  console.log(`PostgreSQL ${process.env.DATABASE_URL ? '(DATABASE_URL)' : `127.0.0.1:${process.env.PGPORT ?? 5432}`}`);
  if (services.length === 0) {
    console.log('services   none yet: each service issue adds its service to apps/halfhour-cli/src/stack/service-catalogue.ts');
  }
  for (const service of services) {
    const base = `http://127.0.0.1:${service.entry.httpPort}`;
    console.log(`${service.entry.name.padEnd(22)} ${base}/metrics  ${base}/health/ready  logs: ${service.logFile}`);
  }
}
