import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assertPortsFree } from '../stack/port-preflight';
import { ServiceEntry } from '../stack/service-catalogue';
import { ServiceProcess, waitUntilAllReady } from '../stack/service-process';
import { REPOSITORY_ROOT } from '../stack/stack-settings';
import { consoleEnvironment, replicaUrlsOf, stackEntries, urlOf } from '../stack/stack-wiring';
import { DayOptions } from './day-options';
import { DayTimeline } from './day-timeline';
import { runEnvironment } from './run-environment';
import { RunNamespace } from './run-namespace';
import { ReplicaUrls, SCRAPED_SERVICES, ServiceUrls } from './stack-view';

/**
 * A run of several days keeps two days of items, deliveries, inbox claims, adapters' command
 * records and SMETS1 cache, swept every 15 real seconds, so the week shows its stores staying flat
 * once retention has begun (the registry and the access audit, kept longest, grow with the changes).
 */
const SEVERAL_DAYS_RETENTION = {
  ITEMS_RETENTION_DAYS: '2', DIP_RETENTION_DAYS: '2', INBOX_RETENTION_DAYS: '2', CACHE_RETENTION_DAYS: '2', COMMAND_RECORD_RETENTION_HOURS: '48',
  RETENTION_INTERVAL_MS: '15000', CACHE_SWEEP_INTERVAL_MS: '15000', COMMAND_RECORD_SWEEP_INTERVAL_MS: '15000',
};

export interface RunStackSettings {
  options: DayOptions;
  namespace: RunNamespace;
  timeline: DayTimeline;
  operatorApiToken: string;
  providerCapacity: string;
  severalDays: boolean;
  log: (line: string) => void;
}

/** The run's processes — every service (as many replicas as asked) and simulator, each its own — started with the run's settings, restarted, stopped. */
export class RunStack {
  readonly entries: ServiceEntry[];
  private readonly processes: ServiceProcess[];

  constructor(private readonly settings: RunStackSettings) {
    this.entries = stackEntries(settings.options.portOffset, settings.options.replicas);
    this.processes = this.entries.map((entry) => new ServiceProcess(entry));
  }

  get size(): number {
    return this.processes.length;
  }

  urlOf(name: string): string {
    return urlOf(this.entries, name);
  }

  serviceUrls(): ServiceUrls {
    const url = (name: string) => this.urlOf(name);
    return {
      intake: url('registration-intake'), access: url('access-control'), scheduler: url('scheduler'), smets1: url('adapter-smets1'),
      smets2: url('adapter-smets2'), dip: url('dip-forwarder'), console: url('operator-console'), providerSimulator: url('provider-simulator'), dipSimulator: url('dip-simulator'),
    };
  }

  /** Every replica of each service the run scrapes. */
  replicaUrls(): ReplicaUrls {
    const byName = replicaUrlsOf(this.entries);
    return Object.fromEntries(Object.entries(SCRAPED_SERVICES).map(([key, name]) => [key, byName[name]])) as unknown as ReplicaUrls;
  }

  /** How many processes of each service run. */
  replicaCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of this.entries) counts[entry.name] = (counts[entry.name] ?? 0) + 1;
    return counts;
  }

  /** Fresh topics and databases, the operator token written, every process started and ready. */
  async start(): Promise<void> {
    const { namespace, log } = this.settings;
    await assertPortsFree(this.processes.map((p) => ({ name: p.name, port: p.entry.httpPort })));
    await namespace.create(this.entries);
    this.writeOperatorApiToken();
    this.processes.forEach((process) => this.startProcess(process));
    await waitUntilAllReady(this.processes, log);
  }

  /** A process by its own name (`scheduler`, or `scheduler-2` of several). */
  processNamed(name: string): ServiceProcess {
    const process = this.processes.find((p) => p.name === name);
    if (!process) throw new RangeError(`no process named ${name}`);
    return process;
  }

  /**
   * Stops a process with `signal` (SIGKILL: a crash; SIGTERM: as Kubernetes stops a pod) and
   * starts it again as it was started, on the clock as it stands now, once it has exited;
   * resolves once it is ready again.
   */
  async restart(name: string, signal: NodeJS.Signals): Promise<{ exitMs: number; exitCode: number | null; exitSignal: NodeJS.Signals | null; readyMs: number }> {
    const process = this.processNamed(name);
    const exit = await process.kill(signal);
    const started = Date.now();
    this.startProcess(process);
    await waitUntilAllReady([process], this.settings.log);
    return { exitMs: exit.ms, exitCode: exit.code, exitSignal: exit.signal, readyMs: Date.now() - started };
  }

  /** Each running process's id, by name. */
  processIds(): Record<string, number> {
    return Object.fromEntries(this.processes.flatMap((p) => (p.pid === undefined ? [] : [[p.name, p.pid]])));
  }

  /** The ids of every process of a service (each replica). */
  processIdsOf(service: string): number[] {
    return this.processes.flatMap((p) => (p.entry.name === service && p.pid !== undefined ? [p.pid] : []));
  }

  /** The process listening at a URL (an `instance` label of the run's merged metrics), or the URL itself. */
  processAt(url: string): string {
    return this.processes.find((p) => url === `http://127.0.0.1:${p.entry.httpPort}`)?.name ?? url;
  }

  /** Each process's milliseconds from spawn to ready. */
  startToReadyMs(): Record<string, number | undefined> {
    return Object.fromEntries(this.processes.map((p) => [p.name, p.startToReadyMs]));
  }

  /** Each process's peak resident memory so far (VmHWM), in MB; call before `stop`. */
  peakRssMb(): Record<string, number> {
    return Object.fromEntries(this.processes.map((p) => [p.name, p.peakRssMb()]));
  }

  /** Each process's resident memory now, in MB. */
  rssMb(): Record<string, number> {
    return Object.fromEntries(this.processes.map((p) => [p.name, Math.round(p.rssMb())]));
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  /** Starts a process with the run's settings, on the clock as it stands now. */
  private startProcess(process: ServiceProcess): void {
    const { options, namespace, timeline, providerCapacity, operatorApiToken } = this.settings;
    const simulators = { providers: this.urlOf('provider-simulator'), dip: this.urlOf('dip-simulator') };
    const database = namespace.databaseOf(process.entry);
    process.start({
      ...runEnvironment(timeline, namespace.topicPrefix, providerCapacity, simulators), ...consoleEnvironment(this.entries),
      OPERATOR_API_TOKENS: operatorApiToken, CONSUMER_GROUP: `${namespace.topicPrefix}${process.entry.name}`,
      ...(database ? { DATABASE_URL: namespace.databaseUrlOf(process.entry) } : {}), ...(this.settings.severalDays ? SEVERAL_DAYS_RETENTION : {}), ...options.extraEnvironment,
    }, [...(process.entry.simulator ? [] : options.serviceNodeFlags ?? []), ...this.profileArguments(process.name)]);
  }

  private profileArguments(name: string): string[] {
    const dir = this.settings.options.profileDir;
    return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(REPOSITORY_ROOT, dir)}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  }

  /** The services' operator API asks for this token (`Authorization: Bearer …`), as in production. */
  private writeOperatorApiToken(): void {
    const dir = resolve(REPOSITORY_ROOT, this.settings.options.outDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'operator-api-token'), `${this.settings.operatorApiToken}\n`, { mode: 0o600 });
    this.settings.log(`operator API token (audit, registry, plans): ${join(dir, 'operator-api-token')}`);
  }
}
