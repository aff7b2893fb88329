import { SettlementDayRun } from '../day/settlement-day-run';
import { LocalInfrastructure, useLocalCluster } from '../stack/local-infrastructure';

/**
 * Kafka (the local broker, or with --brokers 3 the local cluster) and PostgreSQL (started if they are not up), then `work` on the run's stack, then
 * `afterwards` with its result; Ctrl-C or SIGTERM stops it all cleanly at any point; the run's
 * services, topics and whatever infrastructure was started here are stopped in the end.
 */
export async function onLocalStack<T>(
  dayRun: SettlementDayRun,
  work: () => Promise<T>,
  afterwards: (result: T, interrupted: Promise<'interrupted'>) => Promise<void>,
): Promise<void> {
  const infrastructure = new LocalInfrastructure();
  if (dayRun.options.brokers === 3) useLocalCluster(infrastructure);
  else infrastructure.ensure('kafka');
  infrastructure.ensure('postgres');
  const interrupted = new Promise<'interrupted'>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve('interrupted'));
  });
  try {
    const running = work();
    running.catch(() => undefined); // when interrupted, its failure after the stop is expected
    const outcome = await Promise.race([running, interrupted]);
    if (outcome === 'interrupted') {
      console.log('\ninterrupted: stopping');
      return;
    }
    await afterwards(outcome as T, interrupted);
  } finally {
    console.log('stopping services…');
    await dayRun.stop();
    await dayRun.cleanUp().catch((error: unknown) => console.warn(`could not delete the run's topics: ${String(error)}`));
    infrastructure.stopWhatWasStartedHere();
    console.log('stopped cleanly');
  }
}
