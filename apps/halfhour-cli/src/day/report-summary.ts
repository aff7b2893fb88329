import { DayReport } from './day-report';
import { forecastLine } from './forecast-line';
import { abuseLine } from './abuse-tally';

const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} ms`);

/** The report as a few screenfuls of text for the terminal. */
export function reportSummary(report: DayReport): string {
  const lines = [
    `Settlement day ${report.run.collectionDay} (data day ${report.run.dataDay}), ${report.population.mpans} MPANs, ${report.run.clockMode === 'stepped' ? `stepped clock, at most ×${report.run.clockSpeed}` : `free-running clock ×${report.run.clockSpeed}`}, ${report.run.realSeconds} s`,
    '',
    `HH data for the data day: ${report.hhCollection.mpansWithHhDataForDataDay} MPANs (${pct(report.hhCollection.share)}); HH-permitted in the registry: ${report.hhCollection.hhPermittedMpans}`,
    `Scheduled reads: ${report.reads.scheduled.items} items, ${report.reads.scheduled.succeeded} succeeded (${pct(report.reads.scheduled.successRate)} of those still wanted), ${report.reads.scheduled.stopped} stopped, ${report.reads.scheduled.expired} expired`,
    `On-demand reads: ${report.reads.onDemand.items} items, ${report.reads.onDemand.succeeded} succeeded (${pct(report.reads.onDemand.successRate)}), ${report.reads.onDemand.expired} expired`,
    `Backstops: ${report.reads.backstops}   TRT compliance: ${pct(report.trt.compliance)} (${report.trt.breaches} breaches)`,
    `Reads saved: ${report.readsSaved.collectOnce} by collecting once, ${report.readsSaved.smets1Cache.hits} by the SMETS1 cache (hit ratio ${pct(report.readsSaved.smets1Cache.hitRatio)})`,
    `Refusals: ${Object.entries(report.refusals.byCode).sort().map(([code, n]) => `${code}×${n}`).join(' ') || 'none'}`,
    `DIP: ${report.dip.mpanDaysDelivered} MPAN-days delivered; users told where their settlement data went ${report.dataAnswers.dipReference} times, sent their own data (never to the DIP) ${report.dataAnswers.values} times`,
    forecastLine(report.forecast),
    '',
    'provider        planned delivered stopped expired unfinished  peak-hour  headroom',
    ...report.reconciliation.map((r) => {
      const capacity = report.capacity.find((c) => c.provider === r.provider);
      return `${r.provider.padEnd(14)} ${[r.planned, r.delivered, r.stopped, r.expired, r.unfinished].map((n) => String(n).padStart(8)).join('')}  ${pct(capacity?.peakHourUtilisation ?? null).padStart(9)} ${pct(capacity?.headroom ?? null).padStart(9)}${r.reconciles ? '' : '  DOES NOT RECONCILE'}`;
    }),
    '',
    'BAU traffic (the providers\' own)   slots with Halfhour reads: on time, mean latency   |   slots without',
    ...report.bau.map((b) => `${b.provider.padEnd(14)} ${String(b.withHalfhour.slots).padStart(26)}: ${pct(b.withHalfhour.onTime).padStart(8)}, ${ms(b.withHalfhour.meanLatencyMs).padStart(9)}   |   ${String(b.without.slots).padStart(4)}: ${pct(b.without.onTime)}, ${ms(b.without.meanLatencyMs)}`),
    '',
    `Check — deliveries as designed: ${report.checks.deliveries.ok ? 'yes' : `NO (missing ${report.checks.deliveries.missingCount}, unexpected ${report.checks.deliveries.unexpectedCount}, not once ${report.checks.deliveries.notExactlyOnceCount}, wrong values ${report.checks.deliveries.wrongValuesCount})`}`,
    `Check — responses as designed: ${report.checks.responses.ok ? 'yes' : `NO (${report.checks.responses.mismatchCount} of ${report.checks.responses.requests})`}`,
    `Check — ${abuseLine(report.checks.abuse)}${report.checks.abuse.ok ? '' : '  NOT AS DESIGNED'}`,
  ];
  return lines.join('\n');
}

export function reportIsClean(report: DayReport): boolean {
  return report.reconciliation.every((r) => r.reconciles) && report.checks.deliveries.ok && report.checks.responses.ok && report.checks.abuse.ok;
}
