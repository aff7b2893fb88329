import { HistoryEntry, sameMachine, sameShape } from './history-comparison';

/** What a bench run recorded that the scale table reads. */
export interface ScaleEntry extends HistoryEntry {
  peakRssMb?: Record<string, number>;
  bytesPerMpanDay?: { steady: number; onDisk: number };
  /** Halfhour's own CPU (its services, the broker and PostgreSQL) per MPAN-day delivered, while the day's reads flowed. */
  cpuMsPerMpanDay?: number;
}

/** The sizes the issue of national scale compares: the default, ten times it, fifty times it. */
export const SCALE_SIZES = [20_000, 200_000, 1_000_000] as const;

/** Processes that play the outside world: their memory is not Halfhour's. */
const SIMULATOR = /simulator/;
/** One process per service on one broker, no flags added: the runs the sizes are compared by. */
const ONE_OF_EACH = {};

/**
 * The latest good unprofiled run of each size on `machine`, side by side: rate, each service's
 * peak RSS, bytes stored and CPU per MPAN-day. Flat columns are what national scale asks for.
 */
export function scaleTable(history: readonly ScaleEntry[], machine: HistoryEntry['machine']): string[] {
  const runs = SCALE_SIZES.map((size) => history.filter((e) => e.mpanDays === size && sameShape(e, ONE_OF_EACH) && !e.profiled && e.checks?.deliveries && e.checks.responses && sameMachine(e.machine, machine)).at(-1));
  const known = runs.filter((run): run is ScaleEntry => run !== undefined);
  if (known.length < 2) return [];
  const services = [...new Set(known.flatMap((run) => Object.keys(run.peakRssMb ?? {})))].filter((name) => !SIMULATOR.test(name));
  const cell = (run: ScaleEntry | undefined, value: (run: ScaleEntry) => number | undefined, digits = 0) => {
    const figure = run ? value(run) : undefined;
    return (figure === undefined ? '–' : figure.toFixed(digits)).padStart(11);
  };
  const row = (label: string, value: (run: ScaleEntry) => number | undefined, digits = 0) => `${label.padEnd(34)}${runs.map((run) => cell(run, value, digits)).join('')}`;
  return [
    `${'MPAN-days'.padEnd(34)}${SCALE_SIZES.map((size) => size.toLocaleString('en-GB').padStart(11)).join('')}`,
    row('MPAN-days/s end to end', (run) => run.mpanDaysPerSecond),
    row('CPU ms per MPAN-day', (run) => run.cpuMsPerMpanDay, 2),
    row('bytes stored per MPAN-day', (run) => run.bytesPerMpanDay?.steady),
    ...services.map((name) => row(`peak RSS MB, ${name}`, (run) => run.peakRssMb?.[name])),
    `runs: ${runs.flatMap((run, i) => (run ? [`${SCALE_SIZES[i].toLocaleString('en-GB')} at ${run.commit} (${run.at.slice(0, 16)})`] : [])).join(', ')}`,
  ];
}
