import { LocalInfrastructure } from '../stack/local-infrastructure';
import { createServiceDatabases, provisionAllTopics } from '../stack/provision';
import { SERVICE_CATALOGUE } from '../stack/service-catalogue';
import { ServiceProcess, waitUntilAllReady } from '../stack/service-process';
import { kafkaBrokers } from '../stack/stack-settings';

export interface StartOptions {
  /** Stop as soon as everything is up (used by the smoke test), instead of waiting for Ctrl-C. */
  exitWhenReady: boolean;
}

/**
 * `npm start`: Kafka and PostgreSQL (started if they are not up), every topic, every service's
 * database, every service; prints where each listens; stops it all cleanly on Ctrl-C or SIGTERM.
 */
export async function startCommand(options: StartOptions): Promise<void> {
  const infrastructure = new LocalInfrastructure();
  const services = SERVICE_CATALOGUE.map((entry) => new ServiceProcess(entry));
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      console.log('\nstopping services…');
      await Promise.all(services.map((service) => service.stop()));
      infrastructure.stopWhatWasStartedHere();
      console.log('stopped cleanly');
    })());

  try {
    infrastructure.ensure('kafka');
    infrastructure.ensure('postgres');
    const topics = await provisionAllTopics();
    console.log(`topics: ${topics.created.length} created, ${topics.existing.length} already there`);
    for (const mismatch of topics.partitionMismatches) {
      console.warn(`warning: ${mismatch.topic} has ${mismatch.actual} partitions; the registry says ${mismatch.expected}`);
    }
    const databases = await createServiceDatabases(SERVICE_CATALOGUE);
    if (databases.length > 0) console.log(`databases created: ${databases.join(', ')}`);

    for (const service of services) service.start();
    await waitUntilAllReady(services, (line) => console.log(line));
  } catch (error) {
    await stopAll();
    throw error;
  }

  printWhereThingsAre(services);
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
