import { addDays, CalendarDate, isCalendarDate, settlementDayOf } from '@halfhour/domain';
import { DayClockMode } from './day-timeline';

/** What `npm start` (`halfhour start`) runs: one settlement day of a simulated population, or several in a row. */
export interface DayOptions {
  mpans: number;
  seed: number;
  /** The (first) day the reads happen; its data day is the day before. */
  collectionDay: CalendarDate;
  /** Consecutive settlement days through the same stack (1: the classic day); more than one is a week run, stepped only. */
  days?: number;
  /** A week run's MHHS migration: the share of MPANs migrated on its first data day and on its last. */
  ramp?: { from: number; to: number };
  /** Stepped (the default: the system's verdict, whatever the machine) or free-running (the benchmark, flat out). */
  clockMode: DayClockMode;
  /** Real seconds the simulated day takes at the least (stepped) or exactly (free-running). */
  daySeconds: number;
  keepRunning: boolean;
  outDir: string;
  /** Added to every service's usual port (so a run can sit beside another stack). */
  portOffset: number;
  /** Names the run's databases and topics, so runs of different namespaces never meet. */
  namespace: string;
  /** The day's scripted provider failures (an S1SP outage, background failures); off for throughput runs. */
  providerFailures: boolean;
  /** Free-running only: real seconds to wait after the day for the last items and deliveries. */
  settleSeconds: number;
  /** Schedules for the data day only, so a fast clock does not start the next day's reads. */
  oneDaySchedules: boolean;
  /** Settings for every service on top of the run's own (benchmarks lift time limits this way). */
  extraEnvironment: Record<string, string>;
  /** Draw progress bars (a terminal) or print a line now and then (a log). */
  progressBars: boolean;
  /** Where every process writes a CPU profile when it stops (`node --cpu-prof`); none when unset. */
  profileDir?: string;
}

export const DAY_USAGE = `  start [--mpans N] [--day-seconds S] [--day YYYY-MM-DD] [--seed N] [--free-running]
        [--days D [--ramp FROM,TO]] [--keep-running] [--out DIR] [--port-offset N] [--namespace NAME]
        [--no-progress-bars]
                              run one settlement day of N simulated MPANs through every service
                              (npm start); report in DIR/report.json and DIR/capacity.html. The clock
                              steps a minute at a time once the system has settled, the day taking at
                              least S seconds; --free-running lets it run on at 86400/S once the run has
                              set up, whatever the system manages. --days D runs D days in a row
                              (stepped): the registry changing daily, schedules running on, and the
                              MHHS migration ramp from FROM % to TO % of MPANs (default 5,25); report
                              per day and for the run in DIR/report.json and DIR/week.html`;

const VALUED = ['--mpans', '--seed', '--day', '--day-seconds', '--out', '--port-offset', '--namespace', '--days', '--ramp'];
/** A week run's on-demand reads ask for days before the first one, back to its MDRs' appointments (60 days). */
const MOST_DAYS = 50;
const SWITCHES = ['--keep-running', '--no-progress-bars', '--free-running'];

export function parseDayOptions(flags: readonly string[], isTerminal: boolean): DayOptions {
  for (let i = 0; i < flags.length; i++) {
    if (VALUED.includes(flags[i])) i++;
    else if (!SWITCHES.includes(flags[i])) throw new RangeError(`unknown option "${flags[i]}"\n${DAY_USAGE}`);
  }
  const value = (name: string) => {
    const at = flags.indexOf(name);
    return at >= 0 ? flags[at + 1] : undefined;
  };
  const number = (name: string, fallback: number, min: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < min) throw new RangeError(`${name} must be a number ≥ ${min}, not "${raw}"`);
    return parsed;
  };
  const mpans = Math.floor(number('--mpans', 10_000, 10));
  const day = value('--day') ?? settlementDayOf(new Date());
  if (!isCalendarDate(day)) throw new RangeError(`--day must be YYYY-MM-DD, not "${day}"`);
  const days = Math.floor(number('--days', 1, 1));
  if (days > MOST_DAYS) throw new RangeError(`--days must be at most ${MOST_DAYS}, not ${days}`);
  if (days > 1 && flags.includes('--free-running')) throw new RangeError('--days runs on the stepped clock only: drop --free-running');
  return {
    mpans,
    seed: Math.floor(number('--seed', 162, 0)),
    collectionDay: day,
    days,
    ramp: rampOf(value('--ramp') ?? '5,25'),
    clockMode: flags.includes('--free-running') ? 'free-running' : 'stepped',
    daySeconds: number('--day-seconds', 180, 20),
    keepRunning: flags.includes('--keep-running'),
    outDir: value('--out') ?? 'out',
    portOffset: Math.floor(number('--port-offset', 0, 0)),
    namespace: value('--namespace') ?? 'day',
    providerFailures: true,
    oneDaySchedules: false,
    settleSeconds: 60,
    extraEnvironment: {},
    progressBars: isTerminal && !flags.includes('--no-progress-bars'),
  };
}

export function dataDayOf(options: Pick<DayOptions, 'collectionDay'>): CalendarDate {
  return addDays(options.collectionDay, -1);
}

/** `FROM,TO` in percent of MPANs. */
function rampOf(raw: string): { from: number; to: number } {
  const [from, to, ...rest] = raw.split(',').map((part) => (/^\d+(\.\d+)?$/.test(part.trim()) ? Number(part) : NaN));
  if (rest.length > 0 || !(from >= 0 && from <= 100 && to >= 0 && to <= 100)) throw new RangeError(`--ramp must be FROM,TO in percent (e.g. 5,25), not "${raw}"`);
  return { from: from / 100, to: to / 100 };
}
