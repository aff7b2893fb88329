import { DayOptions } from '../day/day-options';
import { reportIsClean, reportSummary } from '../day/report-summary';
import { SettlementDayRun } from '../day/settlement-day-run';
import { weekSummary } from '../day/week-summary';
import { onLocalStack } from './on-local-stack';

/**
 * `npm start`: Kafka and PostgreSQL (started if they are not up), then one settlement day of a
 * simulated population through every service (or `--days N` in a row), with progress and a report. Ctrl-C stops it all
 * cleanly at any point; `--keep-running` leaves the stack up after the report until Ctrl-C.
 */
export async function dayCommand(options: DayOptions): Promise<void> {
  const run = new SettlementDayRun(options);
  await onLocalStack(run, () => run.run(), async (report, interrupted) => {
    const week = run.weekReport;
    console.log(`\n${reportSummary(report)}\n`);
    if (week) console.log(`${weekSummary(week)}\n`);
    for (const [name, url] of Object.entries(run.client.urls)) console.log(`${name.padEnd(18)} ${url}/metrics`);
    if (!(week ? week.checks.everyDayAsDesigned : reportIsClean(report))) process.exitCode = 1;
    if (options.keepRunning) {
      console.log('\nstill running (--keep-running); press Ctrl-C to stop');
      await interrupted;
    }
  });
}
