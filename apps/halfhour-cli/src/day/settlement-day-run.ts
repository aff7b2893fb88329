import { providerKeyOf } from '@halfhour/domain';
import {
  dayPopulation, DEFAULT_POPULATION_SETTINGS, DEFAULT_WEEK_SETTINGS, generatePopulation, generateWeek, Population, WeekPopulation,
} from '@halfhour/simulation';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPOSITORY_ROOT } from '../stack/stack-settings';
import { capacityPage } from './capacity-page';
import { DayFacts } from './day-facts';
import { dataDayOf, DayOptions } from './day-options';
import { DayPlayer } from './day-player';
import { DayReport, PlanView } from './day-report';
import { BACKGROUND_FAILURES, ScriptedStep, scriptOfDay } from './day-script';
import { DayTimeline } from './day-timeline';
import { loadRegistryAndRequests, SetupMilestone } from './registry-load';
import { providerCapacityFor, providerLoadFor } from './run-capacity';
import { RunNamespace } from './run-namespace';
import { RunStack } from './run-stack';
import { StackClient } from './stack-client';
import { scrapeStack, StackMetrics } from './stack-view';
import { DayCensus } from './storage-census';
import { UpstreamDriver } from './upstream-driver';
import { weekPage } from './week-page';
import { buildWeekReport, dayLine, WeekReport } from './week-report';

export type { ScriptedStep } from './day-script';

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
  /** The operator API token of this run's services (a fresh one each run), in `<out>/operator-api-token`. */
  readonly operatorApiToken = randomBytes(24).toString('hex');
  /** Real times (ms) the setup's stages began and ended, for benchmarks. */
  readonly milestones: Partial<Record<SetupMilestone, number>> = {};
  /** The run's processes. */
  readonly stack: RunStack;
  /** How the run reaches its stack: each service's URL, every replica's, the operator token. */
  readonly client: StackClient;
  private readonly facts: DayFacts;
  private readonly providerCapacity: string;
  private upstream?: UpstreamDriver;
  private plan?: PlanView;
  private readonly metricsListeners: ((metrics: StackMetrics) => void)[] = [];
  private readonly addedSteps: ScriptedStep[] = [];

  constructor(readonly options: DayOptions, private readonly log: (line: string) => void = console.log) {
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
    this.providerCapacity = providerCapacityFor(this.week ? this.week.registryOn.at(-1)!.filter((m) => m.mdr) : this.population.meters);
    let onTheClock: string[] = [];
    this.timeline = new DayTimeline(options.collectionDay, { mode: options.clockMode, daySeconds: options.daySeconds, services: () => onTheClock, days });
    this.stack = new RunStack({
      options, namespace: this.namespace, timeline: this.timeline, operatorApiToken: this.operatorApiToken, providerCapacity: this.providerCapacity, severalDays: days > 1, log,
    });
    onTheClock = this.stack.entries.filter((e) => !e.simulator || e.followsRunClock).map((e) => `http://127.0.0.1:${e.httpPort}`);
    this.client = new StackClient(this.stack.serviceUrls(), this.stack.replicaUrls(), this.stack.entries, this.namespace, this.operatorApiToken);
    this.facts = new DayFacts({
      client: this.client, timeline: this.timeline, namespace: this.namespace, entries: this.stack.entries, rssMb: () => this.stack.rssMb(),
      providerCapacity: this.providerCapacity, clockMode: options.clockMode, sent: () => this.upstream?.sent ?? [],
    });
  }

  /** The run's own databases (the chaos campaign cuts them off). */
  databaseNames(): string[] {
    return [...new Set(this.stack.entries.flatMap((entry) => this.namespace.databaseOf(entry) ?? []))];
  }

  /** CSS, the DCC and the users send the whole registry again (the chaos campaign's overload); returns how many messages. */
  async replayRegistry(): Promise<number> {
    if (!this.upstream) throw new Error('the registry has not been sent yet');
    return this.upstream.publishRegistry();
  }

  urlOf(name: string): string {
    return this.stack.urlOf(name);
  }

  /** More for the day's script (the chaos campaign's faults); call before `run`. */
  addToScript(steps: readonly ScriptedStep[]): void {
    this.addedSteps.push(...steps);
  }

  /** Plays the run; resolves with the (last) day's report. */
  async run(): Promise<DayReport> {
    const startedAt = Date.now();
    await this.startStack();
    this.upstream = new UpstreamDriver(this.population, this.namespace.topicPrefix, this.timeline.clock);
    await this.upstream.connect();
    await loadRegistryAndRequests({ upstream: this.upstream, population: this.population, timeline: this.timeline, client: this.client, milestones: this.milestones, log: this.log });
    await new DayPlayer({
      timeline: this.timeline, script: [...this.scriptOfTheRun(), ...this.addedSteps], facts: this.facts, look: () => this.look(),
      closeDay: (day) => this.closeDay(startedAt, day), progressBars: this.options.progressBars, settleSeconds: this.options.settleSeconds, log: this.log,
    }).play();
    this.writeReport();
    return this.dayReports.at(-1)!;
  }

  async stop(): Promise<void> {
    await this.upstream?.disconnect().catch(() => undefined);
    await this.stack.stop();
  }

  /** Deletes the run's topics (the databases stay for a look until the next run). */
  async cleanUp(): Promise<void> {
    await this.namespace.deleteTopics();
  }

  /**
   * Every service's metrics, once, handed to whoever follows the run (the benchmark's stage clock
   * samples these instead of scraping the stack a second time).
   */
  onMetrics(listener: (metrics: StackMetrics) => void): void {
    this.metricsListeners.push(listener);
  }

  /** The week's report (a run of several days): the run's figures and every day's report. */
  get weekReport(): WeekReport | undefined {
    return this.week ? buildWeekReport(this.week, this.dayReports, this.census) : undefined;
  }

  private async startStack(): Promise<void> {
    this.log(`population: ${this.population.meters.length} MPANs, ${this.population.requests.length} requests, ${this.population.changes.length} mid-run registry changes (seed ${this.options.seed})`);
    const clock = this.timeline.stepped
      ? `stepped clock from ${this.timeline.start.toISOString()}, a minute a step once the system has settled, at most ×${this.timeline.speed.toFixed(0)}`
      : `free-running clock ×${this.timeline.speed.toFixed(0)} from ${this.timeline.start.toISOString()}, standing still until the run has set up`;
    this.log(`run: topics ${this.namespace.topicPrefix}*, databases ${this.namespace.name}_*, ${clock}`);
    await this.stack.start();
    for (const { provider, ...load } of providerLoadFor(this.providerCapacity)) await this.client.putProviderBehaviour([provider], load);
    if (this.options.providerFailures) await this.client.putProviderBehaviour([...new Set(this.population.meters.map((m) => providerKeyOf(m.provider)))], BACKGROUND_FAILURES);
    const shape = Object.entries(this.stack.replicaCounts()).filter(([, n]) => n > 1).map(([name, n]) => `${name} ×${n}`);
    this.log(`services ready (${this.stack.size} processes${shape.length ? `: ${shape.join(', ')}` : ''}; ${this.options.brokers} broker${this.options.brokers > 1 ? 's' : ''}); logs in out/logs/`);
  }

  /** Every day's script: what the upstream simulators (and the providers' scripted outage) do, and when. */
  private scriptOfTheRun(): ScriptedStep[] {
    const parts = {
      timeline: this.timeline, upstream: this.upstream!, severalDays: this.week !== undefined, providerFailures: this.options.providerFailures,
      changesOf: (day: number) => (this.week ? this.week.days[day].changes : this.population.changes),
      putProviderBehaviour: (providers: readonly string[], behaviour: object) => this.client.putProviderBehaviour(providers, behaviour),
    };
    return Array.from({ length: this.timeline.days }, (_, day) => scriptOfDay(day, parts)).flat();
  }

  /** The `day`th day has settled: its report and census. */
  private async closeDay(startedAt: number, day: number): Promise<void> {
    const population = this.week ? dayPopulation(this.week, day) : this.population;
    const { report, plan } = await this.facts.report(await this.look(), population, (Date.now() - startedAt) / 1000, day);
    this.plan = plan;
    this.dayReports.push(report);
    this.census.push(await this.facts.census(day));
    if (this.week) this.log(`day ${day + 1} of ${this.timeline.days} settled: ${dayLine(report)}`);
  }

  private async look(): Promise<StackMetrics> {
    const metrics = await scrapeStack(this.client.replicaUrls);
    for (const listener of this.metricsListeners) listener(metrics);
    return metrics;
  }

  private writeReport(): void {
    const report = this.dayReports.at(-1)!;
    const dir = resolve(REPOSITORY_ROOT, this.options.outDir);
    mkdirSync(dir, { recursive: true });
    const week = this.weekReport;
    const stack = { brokers: this.options.brokers, processes: this.stack.replicaCounts() };
    writeFileSync(join(dir, 'report.json'), `${JSON.stringify({ stack, ...(week ?? report) }, null, 2)}\n`);
    if (week) writeFileSync(join(dir, 'week.html'), weekPage(week));
    writeFileSync(join(dir, 'capacity.html'), capacityPage(report, this.plan?.hours ?? []));
    writeFileSync(join(dir, 'steps.csv'), ['simulated,step_ms,settle_ms,looks', ...this.timeline.steps.map((s) => `${s.at.toISOString()},${s.stepMs},${s.settleMs},${s.looks}`)].join('\n') + '\n');
    this.log(`report: ${join(dir, 'report.json')}, capacity picture: ${join(dir, 'capacity.html')}, real time per simulated step: ${join(dir, 'steps.csv')}`);
  }
}
