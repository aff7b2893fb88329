import { WeekPopulation } from '@halfhour/simulation';
import { DayReport } from './day-report';
import { reportIsClean } from './report-summary';
import { DayCensus, TableSize } from './storage-census';
import { countBy, ratio } from './report-math';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The day with which later days are compared: the second, when retention has begun (the first has no day before it to keep). */
const BASELINE_DAY = 1;

/**
 * A run of several days (`npm start -- --days N`): a line per day (the migration's share, the
 * day's reads and checks), each provider's planned reads against its capacity day by day, and the
 * stores and memory at the end of each day against the second, then every day's own report.
 */
export function buildWeekReport(week: WeekPopulation, reports: readonly DayReport[], census: readonly DayCensus[]) {
  const days = reports.map((report, index) => {
    const planned = sum(report.reconciliation.map((r) => r.planned));
    return {
      collectionDay: report.run.collectionDay,
      dataDay: report.run.dataDay,
      rampShare: ratio(week.days[index].scheduledMpans, week.settings.mpans),
      hhShare: report.hhCollection.share,
      changes: countBy(week.days[index].changes.map((c) => c.kind)),
      planned,
      delivered: sum(report.reconciliation.map((r) => r.delivered)),
      stopped: sum(report.reconciliation.map((r) => r.stopped)),
      expired: sum(report.reconciliation.map((r) => r.expired)),
      onDemand: report.reads.onDemand.items,
      trtCompliance: report.trt.compliance,
      mpanDaysAtDip: report.dip.mpanDaysDelivered,
      forecastShort: (report.forecast ?? []).filter((f) => f.shortBy > 0).length,
      deliveriesAsDesigned: report.checks.deliveries.ok,
      responsesAsDesigned: report.checks.responses.ok,
      providersReconcile: report.reconciliation.every((r) => r.reconciles),
    };
  });
  const providers = [...new Set(reports.flatMap((r) => r.capacity.map((c) => c.provider)))].sort();
  return {
    run: {
      firstCollectionDay: reports[0]?.run.collectionDay, days: week.settings.days, mpans: week.settings.mpans, seed: week.settings.seed, ramp: week.settings.ramp,
      realSeconds: reports.at(-1)?.run.realSeconds, providerCapacity: reports[0]?.run.providerCapacity,
    },
    days,
    providers: providers.map((provider) => ({
      provider,
      days: reports.map((report) => {
        const capacity = report.capacity.find((c) => c.provider === provider);
        const reconciled = report.reconciliation.find((r) => r.provider === provider);
        return {
          collectionDay: report.run.collectionDay, planned: reconciled?.planned ?? 0, mhhsReadsInDay: capacity?.mhhsReadsInDay ?? 0, peakHourUtilisation: capacity?.peakHourUtilisation ?? null,
        };
      }),
    })),
    storage: storageAgainstBaseline(census),
    memory: memoryAgainstBaseline(census),
    checks: { everyDayAsDesigned: reports.length === week.settings.days && reports.every(reportIsClean) },
    dayReports: reports,
  };
}

export type WeekReport = ReturnType<typeof buildWeekReport>;

/** The day's line on the terminal as it settles. */
export function dayLine(report: DayReport): string {
  const items = sum(report.reconciliation.map((r) => r.planned));
  const delivered = sum(report.reconciliation.map((r) => r.delivered));
  const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
  return `${report.run.collectionDay}: HH data for ${percent(report.hhCollection.share)} of MPANs, ${items} items, ${delivered} delivered, `
    + `TRT ${percent(report.trt.compliance)}, ${report.dip.mpanDaysDelivered} MPAN-days at the DIP; checks ${reportIsClean(report) ? 'as designed' : 'NOT AS DESIGNED'}`;
}

/** Each table's rows and bytes at the end of every day, and the last day's against the baseline's. */
function storageAgainstBaseline(census: readonly DayCensus[]) {
  const key = (t: TableSize) => `${t.service}.${t.table}`;
  const baseline = new Map((census[BASELINE_DAY]?.tables ?? []).map((t) => [key(t), t]));
  return {
    byDay: census.map((c) => ({ collectionDay: c.collectionDay, tables: Object.fromEntries(c.tables.map((t) => [key(t), { rows: t.rows, bytes: t.bytes }])) })),
    lastAgainstBaseline: (census.at(-1)?.tables ?? []).map((t) => {
      const before = baseline.get(key(t));
      return { table: key(t), baselineRows: before?.rows ?? null, rows: t.rows, rowsChange: before ? ratio(t.rows - before.rows, before.rows) : null,
        baselineBytes: before?.bytes ?? null, bytes: t.bytes, bytesChange: before ? ratio(t.bytes - before.bytes, before.bytes) : null };
    }),
  };
}

function memoryAgainstBaseline(census: readonly DayCensus[]) {
  const baseline = census[BASELINE_DAY]?.rssMb ?? {};
  return Object.entries(census.at(-1)?.rssMb ?? {}).map(([process, rssMb]) => ({
    process, baselineRssMb: baseline[process] ?? null, rssMb, change: baseline[process] ? ratio(rssMb - baseline[process], baseline[process]) : null,
    byDay: census.map((c) => c.rssMb[process] ?? 0),
  }));
}
