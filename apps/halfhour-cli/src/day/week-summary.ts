import { forecastLine } from './forecast-line';
import { WeekReport } from './week-report';

const pct = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`);
const change = (value: number | null) => (value === null ? '–' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)} %`);

/** A run of several days on the terminal: a line per day, each provider's days, stores and memory against the second day. */
export function weekSummary(week: WeekReport): string {
  const last = week.dayReports.at(-1);
  const grownTables = week.storage.lastAgainstBaseline.filter((t) => t.rows > 0 || (t.baselineRows ?? 0) > 0);
  return [
    `${week.run.days} settlement days from ${week.run.firstCollectionDay}, ${week.run.mpans} MPANs, migration ramp ${pct(week.run.ramp.from)} → ${pct(week.run.ramp.to)}, ${week.run.realSeconds} s`,
    '',
    'collection day  ramp     HH data   items delivered stopped expired  TRT       DIP  checks',
    ...week.days.map((d) => `${d.collectionDay}  ${pct(d.rampShare).padStart(7)}  ${pct(d.hhShare).padStart(7)} ${[d.planned, d.delivered, d.stopped, d.expired].map((n) => String(n).padStart(8)).join('')}  ${pct(d.trtCompliance).padStart(7)} ${String(d.mpanDaysAtDip).padStart(6)}  ${d.deliveriesAsDesigned && d.responsesAsDesigned && d.providersReconcile ? 'as designed' : 'NOT AS DESIGNED'}`),
    '',
    'provider        reads planned / MHHS reads the day allows, day by day',
    ...week.providers.map((p) => `${p.provider.padEnd(14)}  ${p.days.map((d) => `${d.planned}/${d.mhhsReadsInDay}`).join('  ')}`),
    '',
    `stores at the end of the last day against the second (rows; bytes):`,
    ...grownTables.map((t) => `  ${t.table.padEnd(44)} ${String(t.baselineRows ?? '–').padStart(7)} → ${String(t.rows).padEnd(7)} ${change(t.rowsChange).padStart(9)};  ${change(t.bytesChange)}`),
    `memory (RSS MB) at the end of the last day against the second:`,
    ...week.memory.map((m) => `  ${m.process.padEnd(22)} ${String(m.baselineRssMb ?? '–').padStart(5)} → ${String(m.rssMb).padEnd(5)} ${change(m.change)}`),
    '',
    forecastLine(last?.forecast),
    `Check — every day as designed: ${week.checks.everyDayAsDesigned ? 'yes' : 'NO'}`,
  ].join('\n');
}
