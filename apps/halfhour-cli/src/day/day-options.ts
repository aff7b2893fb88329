import { addDays, CalendarDate, isCalendarDate, settlementDayOf } from '@halfhour/domain';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { MOST_REPLICAS } from '../stack/stack-wiring';
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
  /** V8 flags for every Halfhour service (not the simulators) after the catalogue's own, as a Deployment's args would add them: the bench's `--node-options`. */
  serviceNodeFlags?: readonly string[];
  /** Processes of each Halfhour service, sharing its consumer group (the console and simulators run once). */
  replicas: number;
  /** 1: the local broker (scripts/kafka/kafka.sh); 3: a cluster of three (kafka-cluster.sh), topics at replication factor 3. */
  brokers: 1 | 3;
}

export const DAY_USAGE = `  start [--mpans N] [--day-seconds S] [--day YYYY-MM-DD] [--seed N] [--free-running]
        [--days D [--ramp FROM,TO]] [--keep-running] [--out DIR] [--port-offset N] [--namespace NAME]
        [--no-progress-bars] [--replicas N] [--brokers 1|3]
                              run one settlement day of N simulated MPANs through every service
                              (npm start); report in DIR/report.json and DIR/capacity.html. The clock
                              steps a minute at a time once the system has settled, the day taking at
                              least S seconds; --free-running lets it run on at 86400/S once the run has
                              set up, whatever the system manages. --days D runs D days in a row
                              (stepped): the registry changing daily, schedules running on, and the
                              MHHS migration ramp from FROM % to TO % of MPANs (default 5,25); report
                              per day and for the run in DIR/report.json and DIR/week.html.
                              --replicas N runs each Halfhour service as N processes in one consumer
                              group (ports 100 apart); --brokers 3 runs it on a local three-broker
                              cluster at replication factor 3, min.insync.replicas 2`;

/** A week run's on-demand reads ask for days before the first one, back to its MDRs' appointments (60 days). */
const MOST_DAYS = 50;

/** `start`'s options (and `chaos`'s, which adds its own), for node:util.parseArgs: strict, every value given. */
export const DAY_OPTION_SPEC = {
  mpans: { type: 'string' }, seed: { type: 'string' }, day: { type: 'string' }, 'day-seconds': { type: 'string' }, out: { type: 'string' },
  'port-offset': { type: 'string' }, namespace: { type: 'string' }, days: { type: 'string' }, ramp: { type: 'string' },
  replicas: { type: 'string' }, brokers: { type: 'string' }, 'keep-running': { type: 'boolean' }, 'no-progress-bars': { type: 'boolean' }, 'free-running': { type: 'boolean' }, help: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export type DayOptionValues = ReturnType<typeof parseArgs<{ options: typeof DAY_OPTION_SPEC; strict: true }>>['values'];

/** `start`'s arguments, checked: an unknown option, an option without its value or a value that is not what it says is an error naming it. */
export function parseDayOptions(args: readonly string[], isTerminal: boolean): DayOptions {
  return dayOptionsFrom(parseArgs({ args: [...args], options: DAY_OPTION_SPEC, strict: true, allowPositionals: false }).values, isTerminal);
}

export function dayOptionsFrom(values: DayOptionValues, isTerminal: boolean): DayOptions {
  const day = values.day ?? settlementDayOf(new Date());
  if (!isCalendarDate(day)) throw new RangeError(`--day must be a date YYYY-MM-DD, not "${day}"`);
  const days = wholeNumber('--days', values.days, 1, 1);
  if (days > MOST_DAYS) throw new RangeError(`--days must be at most ${MOST_DAYS}, not ${days}`);
  if (days > 1 && values['free-running']) throw new RangeError('--days runs on the stepped clock only: drop --free-running');
  return {
    mpans: wholeNumber('--mpans', values.mpans, 10_000, 10),
    seed: wholeNumber('--seed', values.seed, 162, 0),
    collectionDay: day,
    days,
    ramp: rampOf(values.ramp ?? '5,25'),
    clockMode: values['free-running'] ? 'free-running' : 'stepped',
    daySeconds: decimalNumber('--day-seconds', values['day-seconds'], 180, 20),
    keepRunning: values['keep-running'] ?? false,
    outDir: values.out ?? 'out',
    portOffset: wholeNumber('--port-offset', values['port-offset'], 0, 0),
    namespace: values.namespace ?? 'day',
    providerFailures: true,
    oneDaySchedules: false,
    settleSeconds: 60,
    extraEnvironment: {},
    progressBars: isTerminal && !values['no-progress-bars'],
    replicas: replicasOf(values.replicas),
    brokers: brokersOf(values.brokers),
  };
}

/** A whole number written in digits (not 0x20, 1e3 or 32.5), at least `min`. */
export function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, not "${raw}"`);
  return Number(raw);
}

function decimalNumber(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) < min) throw new RangeError(`${name} must be a number ≥ ${min}, not "${raw}"`);
  return Number(raw);
}

export function dataDayOf(options: Pick<DayOptions, 'collectionDay'>): CalendarDate {
  return addDays(options.collectionDay, -1);
}

function replicasOf(raw: string | undefined): number {
  const replicas = wholeNumber('--replicas', raw, 1, 1);
  if (replicas > MOST_REPLICAS) throw new RangeError(`--replicas must be at most ${MOST_REPLICAS} (the production overlay's autoscaling bound), not ${replicas}`);
  return replicas;
}

function brokersOf(raw: string | undefined): 1 | 3 {
  if (raw === undefined || raw === '1') return 1;
  if (raw === '3') return 3;
  throw new RangeError(`--brokers must be 1 (the local broker) or 3 (the local cluster), not "${raw}"`);
}

/** `FROM,TO` in percent of MPANs. */
function rampOf(raw: string): { from: number; to: number } {
  const [from, to, ...rest] = raw.split(',').map((part) => (/^\d+(\.\d+)?$/.test(part.trim()) ? Number(part) : NaN));
  if (rest.length > 0 || !(from >= 0 && from <= 100 && to >= 0 && to <= 100)) throw new RangeError(`--ramp must be FROM,TO in percent (e.g. 5,25), not "${raw}"`);
  return { from: from / 100, to: to / 100 };
}
