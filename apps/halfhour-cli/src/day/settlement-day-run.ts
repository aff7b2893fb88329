import { Topics, withTopicPrefix } from '@halfhour/contracts';
import { addDays, LaneForecast, providerKeyOf } from '@halfhour/domain';
import { ConditionNotMet, SimulatedTime } from '@halfhour/observability';
import {
  dayPopulation, DEFAULT_POPULATION_SETTINGS, DEFAULT_WEEK_SETTINGS, generatePopulation, generateWeek, MidRunChange, Population, SlotLoad, WeekPopulation,
} from '@halfhour/simulation';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ServiceEntry } from '../stack/service-catalogue';
import { ServiceProcess, waitUntilAllReady } from '../stack/service-process';
import { REPOSITORY_ROOT } from '../stack/stack-settings';
import { capacityPage } from './capacity-page';
import { dataDayOf, DayOptions } from './day-options';
import { buildDayReport, DayReport, ForwarderDay, ItemOutcome, PlanView } from './day-report';
import { DeliveryCheck, DeliveryFindings } from './delivery-check';
import { forEachDipMpanDayPage } from './dip-mpan-days';
import { DayTimeline } from './day-timeline';
import { ProgressDisplay } from './progress-display';
import { DayItemsFeed, dayItemsOf } from './day-items';
import { providerCapacityFor, providerLoadFor } from './run-capacity';
import { runEnvironment } from './run-environment';
import { RunNamespace } from './run-namespace';
import { assertPortsFree } from '../stack/port-preflight';
import { consoleEnvironment, stackEntries, urlOf } from '../stack/stack-wiring';
import { scrapeStack, ServiceUrls, StackMetrics } from './stack-view';
import { consumersBehind } from './consumers-behind';
import { MetricsSnapshot } from './metrics-reader';
import { DayCensus, tableSizesOf } from './storage-census';
import { forEachTopicRecordToEnd } from './topic-reader';
import { UserAnswerReader, UserAnswers } from './user-answers';
import { UpstreamDriver } from './upstream-driver';
import { weekPage } from './week-page';
import { buildWeekReport, dayLine, WeekReport } from './week-report';

export interface ScriptedStep {
  at: Date;
  what: string;
  run: () => Promise<unknown>;
  /** Not waited for: the clock moves on while it runs, so a kill lands in the middle of work. */
  background?: boolean;
}

/** The simulated providers' failures during the day: one S1SP down mid-morning, a little noise everywhere. */
const OUTAGE = { provider: 'S1SP-B', fromHour: 9, toHour: 11 };
const BACKGROUND_FAILURES = { failureRate: 0.02, timeoutRate: 0.002 };
/**
 * A run of several days keeps two days of items, deliveries, inbox claims, adapters' command
 * records and SMETS1 cache, swept every 15 real seconds, so the week shows its stores staying flat
 * once retention has begun (the registry and the access audit, kept longest, grow with the changes).
 */
const SEVERAL_DAYS_RETENTION = {
  ITEMS_RETENTION_DAYS: '2', DIP_RETENTION_DAYS: '2', INBOX_RETENTION_DAYS: '2', CACHE_RETENTION_DAYS: '2', COMMAND_RECORD_RETENTION_HOURS: '48',
  RETENTION_INTERVAL_MS: '15000', CACHE_SWEEP_INTERVAL_MS: '15000', COMMAND_RECORD_SWEEP_INTERVAL_MS: '15000',
};

/**
 * One settlement day end to end, as `npm start` runs it — or several in a row through the same
 * stack (`days`, a simulated week) — fresh topics and databases, every service and simulator as
 * its own process on one accelerated clock, the upstream simulators publishing the population and
 * its requests at their moments in each day, live progress, and the report: each day's once it
 * has settled, on screen, in `report.json` and `capacity.html` (a run of several days adds the
 * run's own figures and `week.html`).
 */
export class SettlementDayRun {
  /** The first day's population (a run of several days: its registry and every request of the run). */
  readonly population: Population;
  /** A run of several days: its days, and what each expects. */
  readonly week?: WeekPopulation;
  /** Each day's report, as the day settled. */
  readonly dayReports: DayReport[] = [];
  /** Each day's stores and memory, as the day settled. */
  readonly census: DayCensus[] = [];
  readonly namespace: RunNamespace;
  readonly timeline: DayTimeline;
  private readonly entries: ServiceEntry[];
  private readonly processes: ServiceProcess[];
  private readonly urls: ServiceUrls;
  private readonly providerCapacity: string;
  private upstream?: UpstreamDriver;
  private plan?: PlanView;
  private readonly metricsListeners: ((metrics: StackMetrics) => void)[] = [];
  private readonly addedSteps: ScriptedStep[] = [];
  private readonly plannedDays = new Set<string>();
  private readonly dayItems = new DayItemsFeed(async (collectionDay) => (await this.schedulerReport(collectionDay)).outcomes);
  /** The operator API token of this run's services (a fresh one each run), in `<out>/operator-api-token`. */
  readonly operatorApiToken = randomBytes(24).toString('hex');
  /** Real times (ms) the setup's stages began and ended, for benchmarks. */
  readonly milestones: Partial<Record<'registryPublishing' | 'registryLoaded' | 'requestsPublishing' | 'requestsDecided', number>> = {};

  constructor(private readonly options: DayOptions, private readonly log: (line: string) => void = console.log) {
    const days = options.days ?? 1;
    if (days > 1) {
      if (options.clockMode !== 'stepped') throw new RangeError('a run of several days needs the stepped clock');
      this.week = generateWeek({
        ...DEFAULT_WEEK_SETTINGS, mpans: options.mpans, seed: options.seed, firstDataDay: dataDayOf(options), days, ramp: options.ramp ?? DEFAULT_WEEK_SETTINGS.ramp,
      });
    }
    this.population = this.week ? dayPopulation(this.week, 0) : generatePopulation({
      ...DEFAULT_POPULATION_SETTINGS, seed: options.seed, mpans: options.mpans, dataDay: dataDayOf(options), oneDaySchedules: options.oneDaySchedules,
    });
    this.namespace = new RunNamespace(options.namespace);
    this.entries = stackEntries(options.portOffset);
    const onTheClock = this.entries.filter((e) => !e.simulator || e.followsRunClock).map((e) => `http://127.0.0.1:${e.httpPort}`);
    this.timeline = new DayTimeline(options.collectionDay, { mode: options.clockMode, daySeconds: options.daySeconds, services: () => onTheClock, days });
    this.processes = this.entries.map((entry) => new ServiceProcess(entry));
    const url = (name: string) => this.urlOf(name);
    this.urls = {
      intake: url('registration-intake'), access: url('access-control'), scheduler: url('scheduler'), smets1: url('adapter-smets1'),
      smets2: url('adapter-smets2'), dip: url('dip-forwarder'), console: url('operator-console'), providerSimulator: url('provider-simulator'), dipSimulator: url('dip-simulator'),
    };
    this.providerCapacity = providerCapacityFor(this.week ? this.week.registryOn.at(-1)!.filter((m) => m.mdr) : this.population.meters);
  }

  get serviceUrls(): ServiceUrls {
    return this.urls;
  }

  /** The run's own databases (the chaos campaign cuts them off). */
  databaseNames(): string[] {
    return this.entries.flatMap((entry) => this.namespace.databaseOf(entry) ?? []);
  }

  /** CSS, the DCC and the users send the whole registry again (the chaos campaign's overload); returns how many messages. */
  async replayRegistry(): Promise<number> {
    if (!this.upstream) throw new Error('the registry has not been sent yet');
    return this.upstream.publishRegistry();
  }

  urlOf(name: string): string {
    return urlOf(this.entries, name);
  }

  /** More for the day's script (the chaos campaign's faults); call before `run`. */
  addToScript(steps: readonly ScriptedStep[]): void {
    this.addedSteps.push(...steps);
  }

  processNamed(name: string): ServiceProcess {
    const process = this.processes.find((p) => p.entry.name === name);
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
    await waitUntilAllReady([process], this.log);
    return { exitMs: exit.ms, exitCode: exit.code, exitSignal: exit.signal, readyMs: Date.now() - started };
  }

  /** Plays the run; resolves with the (last) day's report. */
  async run(): Promise<DayReport> {
    const startedAt = Date.now();
    await this.startStack();
    await this.loadRegistry();
    await this.playTheDays(startedAt);
    this.writeReport();
    return this.dayReports.at(-1)!;
  }

  /** Each running process's id, by name. */
  processIds(): Record<string, number> {
    return Object.fromEntries(this.processes.flatMap((p) => (p.pid === undefined ? [] : [[p.entry.name, p.pid]])));
  }

  /** Each process's milliseconds from spawn to ready. */
  startToReadyMs(): Record<string, number | undefined> {
    return Object.fromEntries(this.processes.map((p) => [p.entry.name, p.startToReadyMs]));
  }

  /** Each process's peak resident memory so far (VmHWM), in MB; call before `stop`. */
  peakRssMb(): Record<string, number> {
    return Object.fromEntries(this.processes.map((p) => [p.entry.name, p.peakRssMb()]));
  }

  async stop(): Promise<void> {
    await this.upstream?.disconnect().catch(() => undefined);
    await Promise.all(this.processes.map((p) => p.stop()));
  }

  /** Deletes the run's topics (the databases stay for a look until the next run). */
  async cleanUp(): Promise<void> {
    await this.namespace.deleteTopics();
  }

  private async startStack(): Promise<void> {
    this.log(`population: ${this.population.meters.length} MPANs, ${this.population.requests.length} requests, ${this.population.changes.length} mid-run registry changes (seed ${this.options.seed})`);
    const clock = this.timeline.stepped
      ? `stepped clock from ${this.timeline.start.toISOString()}, a minute a step once the system has settled, at most ×${this.timeline.speed.toFixed(0)}`
      : `free-running clock ×${this.timeline.speed.toFixed(0)} from ${this.timeline.start.toISOString()}, standing still until the run has set up`;
    this.log(`run: topics ${this.namespace.topicPrefix}*, databases ${this.namespace.name}_*, ${clock}`);
    await assertPortsFree(this.entries.map((entry) => ({ name: entry.name, port: entry.httpPort })));
    await this.namespace.create(this.entries);
    this.writeOperatorApiToken();
    this.processes.forEach((process) => this.startProcess(process));
    await waitUntilAllReady(this.processes, this.log);
    for (const { provider, ...load } of providerLoadFor(this.providerCapacity)) await this.putProviderBehaviour([provider], load);
    if (this.options.providerFailures) await this.putProviderBehaviour([...new Set(this.population.meters.map((m) => providerKeyOf(m.provider)))], BACKGROUND_FAILURES);
    this.log(`services ready (${this.processes.length} processes); logs in out/logs/`);
  }

  /** Starts a process with the run's settings, on the clock as it stands now. */
  private startProcess(process: ServiceProcess): void {
    const environment = runEnvironment(this.timeline, this.namespace.topicPrefix, this.providerCapacity, { providers: this.urls.providerSimulator, dip: this.urls.dipSimulator });
    const database = this.namespace.databaseOf(process.entry);
    process.start({
      ...environment, ...consoleEnvironment(this.entries), OPERATOR_API_TOKENS: this.operatorApiToken, CONSUMER_GROUP: `${this.namespace.topicPrefix}${process.entry.name}`,
      ...(database ? { DATABASE_URL: this.namespace.databaseUrlOf(process.entry) } : {}), ...(this.week ? SEVERAL_DAYS_RETENTION : {}), ...this.options.extraEnvironment,
    }, this.profileArguments(process.entry.name));
  }

  private profileArguments(name: string): string[] {
    const dir = this.options.profileDir;
    return dir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(REPOSITORY_ROOT, dir)}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  }

  /** CSS and the users publish the registry; every service's view of it is complete before the requests. */
  private async loadRegistry(): Promise<void> {
    this.upstream = new UpstreamDriver(this.population, this.namespace.topicPrefix, this.timeline.clock);
    await this.upstream.connect();
    this.milestones.registryPublishing = Date.now();
    await this.upstream.publishRegistry();
    await this.waitFor('the registry', async () => {
      const intake = await MetricsSnapshot.of(this.urls.intake);
      return intake.sum('halfhour_registry_mpans') === this.population.meters.length && intake.sum('halfhour_registry_unpublished_timelines') === 0;
    });
    await this.waitFor('access-control’s and the scheduler’s registry views', async () => {
      const published = await this.viewFingerprint('registration-intake', 'mpan_timelines');
      return published === (await this.viewFingerprint('access-control', 'registry_view')) && published === (await this.viewFingerprint('scheduler', 'registry_view'));
    });
    this.milestones.registryLoaded = Date.now();
    this.milestones.requestsPublishing = Date.now();
    const sent = await this.upstream.publishRequests('BEFORE_PLAN', this.timeline.clock.now());
    await this.waitFor('access-control’s decisions', async () => (await MetricsSnapshot.of(this.urls.access)).sum('halfhour_access_decisions_total') >= sent);
    // The plan at 23:00 takes the schedules the scheduler holds by then: all of them must be in.
    const accepted = this.population.requests.filter((r) => r.phase === 'BEFORE_PLAN' && r.schedule && r.expected.decision === 'I0').length;
    await this.waitFor('the scheduler’s schedules', async () => Number((await this.query<{ n: string }>('scheduler', 'SELECT count(*) AS n FROM schedules', []))[0].n) >= accepted);
    this.milestones.requestsDecided = Date.now();
    if (this.timeline.stepped) {
      await this.timeline.stepped.settle();
      this.log(`registry loaded, ${sent} requests decided, ${accepted} schedules held; the clock stands at ${this.timeline.clock.now().toISOString()}`);
      return;
    }
    await this.timeline.startRunning();
    this.log(`registry loaded, ${sent} requests decided, ${accepted} schedules held; the clock runs from ${this.timeline.start.toISOString()} at ×${this.timeline.speed.toFixed(0)}`);
  }

  /**
   * Plays the run's days, doing each scripted thing at its moment, showing progress; each day's
   * report once its items have all finished.
   */
  private async playTheDays(startedAt: number): Promise<void> {
    const script: ScriptedStep[] = [...Array.from({ length: this.timeline.days }, (_, day) => this.scriptOfDay(day)).flat(), ...this.addedSteps]
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const progress = new ProgressDisplay(this.options.progressBars);
    const events: string[] = [];
    const inBackground: Promise<void>[] = [];
    const runDue = async (now: Date) => {
      for (const step of script.filter((s) => s.at <= now)) {
        script.splice(script.indexOf(step), 1);
        const done = step.run().then(() => void events.push(`${now.toISOString().slice(0, 16).replace('T', ' ')} ${step.what}`));
        if (step.background) inBackground.push(done);
        else await done;
      }
    };
    const closeDay = async (day: number) => {
      const report = await this.report(startedAt, day);
      this.dayReports.push(report);
      this.census.push(await this.takeCensus(day));
      if (this.week) this.log(`day ${day + 1} of ${this.timeline.days} settled: ${dayLine(report)}`);
    };
    try {
      if (this.timeline.stepped) await this.playStepped(this.timeline.stepped, runDue, progress, events, closeDay);
      else await this.playFreeRunning(runDue, progress, events);
    } finally {
      await Promise.allSettled(inBackground);
      progress.stop();
    }
    await Promise.all(inBackground);
    if (!this.timeline.stepped) await closeDay(0);
    for (const event of events) this.log(`  ${event}`);
  }

  /** What the upstream simulators (and the providers' scripted outage) do on the run's `day`th collection day. */
  private scriptOfDay(day: number): ScriptedStep[] {
    const at = (hour: number) => this.timeline.at(hour, day);
    const changes: readonly MidRunChange[] = this.week ? this.week.days[day].changes : this.population.changes;
    const onThe = this.week ? ` (day ${day + 1})` : '';
    return [
      { at: at(2), what: `CSS: mid-run registry changes${onThe}`, run: () => this.upstream!.publishChanges(changes, day) },
      { at: at(3), what: `users: schedules for new appointments${onThe}`, run: () => this.upstream!.publishRequests('AFTER_APPOINTMENTS', this.timeline.clock.now(), day) },
      { at: at(12), what: `users: on-demand reads${onThe}`, run: () => this.upstream!.publishRequests('ON_DEMAND', this.timeline.clock.now(), day) },
      ...(this.options.providerFailures ? [
        { at: at(OUTAGE.fromHour), what: `${OUTAGE.provider} goes down`, run: () => this.putProviderBehaviour([OUTAGE.provider], { down: true }) },
        { at: at(OUTAGE.toHour), what: `${OUTAGE.provider} is back`, run: () => this.putProviderBehaviour([OUTAGE.provider], { down: false }) },
      ] : []),
    ];
  }

  /**
   * The days on the stepped clock: each minute once the last has settled, the script's steps at
   * their moments; after each day's midnight on (at most an hour) until every item of the day is
   * final, then `closeDay`.
   */
  private async playStepped(
    time: SimulatedTime, runDue: (now: Date) => Promise<void>, progress: ProgressDisplay, events: string[], closeDay: (day: number) => Promise<void>,
  ): Promise<void> {
    let shownAt = 0;
    let day = 0;
    const show = async (now: Date) => {
      if (Date.now() - shownAt < 500) return;
      shownAt = Date.now();
      progress.update(now, await this.look(), await this.dayItems.of(this.timeline.collectionDayOf(day)));
    };
    time.onSlowSettle = (waitingFor) => progress.waiting(time.now(), waitingFor);
    for (; day < this.timeline.days; day++) {
      const dayEnd = this.timeline.dayEnd(day);
      await time.advanceTo(dayEnd, async (now) => {
        await runDue(now);
        await show(now);
      });
      const giveUpAt = new Date(dayEnd.getTime() + 3600_000);
      try {
        await time.advanceUntil(async () => this.dayIsSettled(await this.look(), day), giveUpAt);
      } catch (error) {
        if (!(error instanceof ConditionNotMet)) throw error;
        events.push(`${this.timeline.collectionDayOf(day)} ended with work still unfinished an hour after midnight (see the report)`);
      }
      shownAt = 0;
      await show(time.now());
      await closeDay(day);
    }
  }

  /**
   * The day on the free-running clock (the benchmark): the script as the clock passes, then up to
   * `settleSeconds` for the last work — until every item is final, nothing waits for the DIP and
   * no consumer is behind on its topic: the forwarder's intake, when reads outrun it, still has
   * MPAN-days the day's figures must include. (On the stepped clock every process says so itself.)
   */
  private async playFreeRunning(runDue: (now: Date) => Promise<void>, progress: ProgressDisplay, events: string[]): Promise<void> {
    const settleBy = Date.now() + this.timeline.realMsUntil(this.timeline.end) + this.options.settleSeconds * 1000;
    // Twice in a row, half a second apart: the backlog gauge read at the first may predate the intake's last batch.
    let settledLooks = 0;
    for (;;) {
      const now = this.timeline.clock.now();
      await runDue(now);
      const metrics = await this.look();
      progress.update(now, metrics, await this.dayItems.of(this.timeline.collectionDayOf(0)));
      // The cheap checks first: the broker is asked only once nothing else is left.
      const settled = now >= this.timeline.end && (await this.dayIsSettled(metrics, 0)) && (await consumersBehind(metrics)).length === 0;
      settledLooks = settled ? settledLooks + 1 : 0;
      if (settledLooks === 2) return;
      if (Date.now() > settleBy) {
        events.push('the day ended with work still unfinished (see the report)');
        return;
      }
      await sleep(500);
    }
  }

  /**
   * Every service's metrics, once, handed to whoever follows the run (the benchmark's stage clock
   * samples these instead of scraping the stack a second time).
   */
  onMetrics(listener: (metrics: StackMetrics) => void): void {
    this.metricsListeners.push(listener);
  }

  private async look(): Promise<StackMetrics> {
    const metrics = await scrapeStack(this.urls);
    for (const listener of this.metricsListeners) listener(metrics);
    return metrics;
  }

  /** Every item of the run's `day`th collection day final, the forwarder's backlog empty and nothing more arriving at the DIP. */
  private async dayIsSettled(metrics: StackMetrics, day: number): Promise<boolean> {
    // The backlog gauge counts only from the replica that owns it: none yet (a forwarder just restarted) says nothing.
    const backlogCounted = metrics.dip.sum('halfhour_database_gauges_owner') >= 1;
    // Asked first: while deliveries are waiting, the scheduler's day report need not be built.
    if (!backlogCounted || metrics.dip.sum('halfhour_dip_backlog_messages') > 0) return false;
    // A day not planned yet has no items (a national day's plan takes a minute): not settled.
    if (!(await this.isPlanned(this.timeline.collectionDayOf(day)))) return false;
    // A scheduler restarting (the chaos campaign) cannot say yet: not settled.
    const report = await this.schedulerReport(this.timeline.collectionDayOf(day)).catch(() => undefined);
    if (!report) return false;
    const items = dayItemsOf(this.timeline.collectionDayOf(day), report.outcomes);
    return items.finished === items.items;
  }

  /** Whether the scheduler has planned `collectionDay`; once it has, not asked again (its answer sums the day's items). */
  private async isPlanned(collectionDay: string): Promise<boolean> {
    if (this.plannedDays.has(collectionDay)) return true;
    const planned = await this.getJson(`${this.urls.scheduler}/plans/${collectionDay}`).then(() => true, () => false);
    if (planned) this.plannedDays.add(collectionDay);
    return planned;
  }

  /** The report of the run's `day`th collection day, as it stands once the day has settled. */
  private async report(startedAt: number, day: number): Promise<DayReport> {
    const collectionDay = this.timeline.collectionDayOf(day);
    const metrics = await this.look();
    const population = this.week ? dayPopulation(this.week, day) : this.population;
    const [plan, { outcomes, schedulesStopped }, { mpanDays: forwarderDataDay }, deliveries, dipStats, answers, providerLoads, forecast] = await Promise.all([
      this.getJson<PlanView>(`${this.urls.scheduler}/plans/${collectionDay}`).catch(() => undefined),
      this.schedulerReport(collectionDay),
      this.getJson<{ mpanDays: ForwarderDay }>(`${this.urls.dip}/deliveries/days/${addDays(collectionDay, -1)}`),
      this.deliveriesAtDip(population),
      this.getJson<Record<string, number>>(`${this.urls.dipSimulator}/dip/stats`),
      this.userAnswers(),
      this.providerLoads(),
      this.getJson<{ days: LaneForecast[] }>(`${this.urls.scheduler}/forecast?days=7`).then((answer) => answer.days).catch(() => undefined),
    ]);
    this.plan = plan;
    return buildDayReport({
      population, collectionDay, speed: this.timeline.speed, clockMode: this.options.clockMode, realSeconds: (Date.now() - startedAt) / 1000,
      topicPrefix: this.namespace.topicPrefix, providerCapacity: this.providerCapacity, plan, outcomes, metrics, deliveries,
      schedulesStopped, forwarderDataDay, dipStats, answers, sent: this.upstream?.sent ?? [],
      providerLoads, forecast,
    });
  }

  /** Each SIMULATED provider's slots: Halfhour's reads and how its own BAU traffic fared. */
  private async providerLoads(): Promise<Record<string, SlotLoad[]>> {
    const loads = await Promise.all(providerLoadFor(this.providerCapacity).map(async ({ provider }) =>
      [provider, (await this.getJson<{ slots: SlotLoad[] }>(`${this.urls.providerSimulator}/providers/${provider}/load`)).slots] as const));
    return Object.fromEntries(loads);
  }

  /** The services' operator API asks for this token (`Authorization: Bearer …`), as in production. */
  private writeOperatorApiToken(): void {
    const dir = resolve(REPOSITORY_ROOT, this.options.outDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'operator-api-token'), `${this.operatorApiToken}\n`, { mode: 0o600 });
    this.log(`operator API token (audit, registry, plans): ${join(dir, 'operator-api-token')}`);
  }

  /** The run's stores (every table of every service) and each process's memory, now. */
  private async takeCensus(day: number): Promise<DayCensus> {
    const withDatabase = this.entries.filter((entry) => this.namespace.databaseOf(entry));
    const tables = (await Promise.all(withDatabase.map((entry) => tableSizesOf(entry.name, (sql, parameters) => this.query(entry.name, sql, parameters))))).flat();
    return { collectionDay: this.timeline.collectionDayOf(day), tables, rssMb: Object.fromEntries(this.processes.map((p) => [p.entry.name, Math.round(p.rssMb())])) };
  }

  /** The week's report (a run of several days): the run's figures and every day's report. */
  get weekReport(): WeekReport | undefined {
    return this.week ? buildWeekReport(this.week, this.dayReports, this.census) : undefined;
  }

  private writeReport(): void {
    const report = this.dayReports.at(-1)!;
    const dir = resolve(REPOSITORY_ROOT, this.options.outDir);
    mkdirSync(dir, { recursive: true });
    const week = this.weekReport;
    writeFileSync(join(dir, 'report.json'), `${JSON.stringify(week ?? report, null, 2)}\n`);
    if (week) writeFileSync(join(dir, 'week.html'), weekPage(week));
    writeFileSync(join(dir, 'capacity.html'), capacityPage(report, this.plan?.hours ?? []));
    writeFileSync(join(dir, 'steps.csv'), ['simulated,step_ms,settle_ms,looks', ...this.timeline.steps.map((s) => `${s.at.toISOString()},${s.stepMs},${s.settleMs},${s.looks}`)].join('\n') + '\n');
    this.log(`report: ${join(dir, 'report.json')}, capacity picture: ${join(dir, 'capacity.html')}, real time per simulated step: ${join(dir, 'steps.csv')}`);
  }

  /**
   * The scheduler's report API on a collection day: its items by provider, kind and state, with how
   * many finished within their TRT, and the schedules stopped that day by reason.
   */
  private async schedulerReport(collectionDay: string): Promise<{ outcomes: ItemOutcome[]; schedulesStopped: Record<string, number> }> {
    const response = await fetch(`${this.urls.scheduler}/reports/days/${collectionDay}`, { headers: { authorization: `Bearer ${this.operatorApiToken}` } });
    if (response.status === 404) return { outcomes: [], schedulesStopped: {} };
    if (!response.ok) throw new Error(`the scheduler's report of ${collectionDay} answered ${response.status}`);
    return (await response.json()) as { outcomes: ItemOutcome[]; schedulesStopped: Record<string, number> };
  }

  private async userAnswers(): Promise<UserAnswers> {
    const reader = new UserAnswerReader();
    await forEachTopicRecordToEnd(withTopicPrefix(Topics.userResponses, this.namespace.topicPrefix).name, (record) => reader.read(record));
    return reader.result;
  }

  /** What the SIMULATED DIP accepted, checked against what `population` expects a page at a time. */
  private async deliveriesAtDip(population: Population): Promise<DeliveryFindings> {
    const check = new DeliveryCheck(population);
    await forEachDipMpanDayPage(this.urls.dipSimulator, (days) => check.add(days));
    return check.result();
  }

  /** Count and version sum of a registry table: equal when a view holds every published timeline. */
  private async viewFingerprint(service: string, table: string): Promise<string> {
    const [row] = await this.query<{ n: string; v: string }>(service, `SELECT count(*) AS n, coalesce(sum(version), 0) AS v FROM ${table}`, []);
    return `${row.n}/${row.v}`;
  }

  private async query<T>(service: string, sql: string, parameters: unknown[]): Promise<T[]> {
    const client = new Client({ connectionString: this.namespace.databaseUrlOf(this.entries.find((e) => e.name === service)!) });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  }

  private async putProviderBehaviour(providers: readonly string[], behaviour: object): Promise<void> {
    for (const name of providers) {
      const response = await fetch(`${this.urls.providerSimulator}/providers/${name}/behaviour`, {
        method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(behaviour),
      });
      if (!response.ok) throw new Error(`provider simulator refused behaviour for ${name}: ${response.status}`);
    }
  }

  private async getJson<T>(url: string): Promise<T> {
    const response = await fetch(url, { headers: { authorization: `Bearer ${this.operatorApiToken}` } });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return (await response.json()) as T;
  }

  private async waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 120_000 + this.population.meters.length * 20): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s`);
      await sleep(250);
    }
  }
}
