import { DayOptions } from '../day/day-options';
import { reportIsClean, reportSummary } from '../day/report-summary';
import { SettlementDayRun } from '../day/settlement-day-run';
import { LocalInfrastructure } from '../stack/local-infrastructure';

/**
 * `npm start`: Kafka and PostgreSQL (started if they are not up), then one settlement day of a
 * simulated population through every service, with progress and a report. Ctrl-C stops it all
 * cleanly at any point; `--keep-running` leaves the stack up after the report until Ctrl-C.
 */
export async function dayCommand(options: DayOptions): Promise<void> {
  const infrastructure = new LocalInfrastructure();
  infrastructure.ensure('kafka');
  infrastructure.ensure('postgres');
  const run = new SettlementDayRun(options);
  const interrupted = new Promise<'interrupted'>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve('interrupted'));
  });
  try {
    const running = run.run();
    running.catch(() => undefined); // when interrupted, its failure after the stop is expected
    const outcome = await Promise.race([running, interrupted]);
    if (outcome === 'interrupted') {
      console.log('\ninterrupted: stopping');
      return;
    }
    console.log(`\n${reportSummary(outcome)}\n`);
    for (const [name, url] of Object.entries(run.serviceUrls)) console.log(`${name.padEnd(18)} ${url}/metrics`);
    if (!reportIsClean(outcome)) process.exitCode = 1;
    if (options.keepRunning) {
      console.log('\nstill running (--keep-running); press Ctrl-C to stop');
      await interrupted;
    }
  } finally {
    console.log('stopping services…');
    await run.stop();
    await run.cleanUp().catch((error: unknown) => console.warn(`could not delete the run's topics: ${String(error)}`));
    infrastructure.stopWhatWasStartedHere();
    console.log('stopped cleanly');
  }
}
