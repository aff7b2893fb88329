import { Topics, withTopicPrefix } from '@halfhour/contracts';
import { addDays, LaneForecast } from '@halfhour/domain';
import { Population, SlotLoad } from '@halfhour/simulation';
import { ServiceEntry } from '../stack/service-catalogue';
import { buildDayReport, DayReport, ForwarderDay, PlanView, SentRequest } from './day-report';
import { DayItemsFeed, dayItemsOf } from './day-items';
import { DayClockMode } from './day-timeline';
import { DayTimeline } from './day-timeline';
import { DeliveryCheck, DeliveryFindings } from './delivery-check';
import { forEachDipMpanDayPage } from './dip-mpan-days';
import { providerLoadFor } from './run-capacity';
import { RunNamespace } from './run-namespace';
import { StackClient } from './stack-client';
import { StackMetrics } from './stack-view';
import { DayCensus, tableSizesOf } from './storage-census';
import { forEachTopicRecordToEnd } from './topic-reader';
import { UserAnswerReader, UserAnswers } from './user-answers';

/** What the run's facts are gathered from. */
export interface FactSources {
  client: StackClient;
  timeline: DayTimeline;
  namespace: RunNamespace;
  entries: readonly ServiceEntry[];
  /** Each process's resident memory now, in MB. */
  rssMb: () => Record<string, number>;
  providerCapacity: string;
  clockMode: DayClockMode;
  /** What the upstream simulators have sent so far. */
  sent: () => SentRequest[];
}

/**
 * What the run knows of one of its days, from the stack's own APIs and the simulators: whether it
 * has settled, its report (the day's checks against what its population expects), its stores.
 */
export class DayFacts {
  private readonly plannedDays = new Set<string>();
  readonly items = new DayItemsFeed(async (collectionDay) => (await this.sources.client.schedulerReport(collectionDay)).outcomes);

  constructor(private readonly sources: FactSources) {}

  /** Every item of the run's `day`th collection day final, the forwarder's backlog empty and nothing more arriving at the DIP. */
  async dayIsSettled(metrics: StackMetrics, day: number): Promise<boolean> {
    // The backlog gauge counts only from the replica that owns it: none yet (a forwarder just restarted) says nothing.
    const backlogCounted = metrics.dip.sum('halfhour_database_gauges_owner') >= 1;
    // Asked first: while deliveries are waiting, the scheduler's day report need not be built.
    if (!backlogCounted || metrics.dip.sum('halfhour_dip_backlog_messages') > 0) return false;
    const collectionDay = this.sources.timeline.collectionDayOf(day);
    // A day not planned yet has no items (a national day's plan takes a minute): not settled.
    if (!(await this.isPlanned(collectionDay))) return false;
    // A scheduler restarting (the chaos campaign) cannot say yet: not settled.
    const report = await this.sources.client.schedulerReport(collectionDay).catch(() => undefined);
    if (!report) return false;
    const items = dayItemsOf(collectionDay, report.outcomes);
    return items.finished === items.items;
  }

  /** The report of the run's `day`th collection day, as it stands once the day has settled, and the day's plan. */
  async report(metrics: StackMetrics, population: Population, realSeconds: number, day: number): Promise<{ report: DayReport; plan?: PlanView }> {
    const { client, timeline } = this.sources;
    const collectionDay = timeline.collectionDayOf(day);
    const [plan, { outcomes, schedulesStopped }, { mpanDays: forwarderDataDay }, deliveries, dipStats, answers, providerLoads, forecast] = await Promise.all([
      client.getJson<PlanView>(`${client.urls.scheduler}/plans/${collectionDay}`).catch(() => undefined),
      client.schedulerReport(collectionDay),
      client.getJson<{ mpanDays: ForwarderDay }>(`${client.urls.dip}/deliveries/days/${addDays(collectionDay, -1)}`),
      this.deliveriesAtDip(population),
      client.getJson<Record<string, number>>(`${client.urls.dipSimulator}/dip/stats`),
      this.userAnswers(),
      this.providerLoads(),
      client.getJson<{ days: LaneForecast[] }>(`${client.urls.scheduler}/forecast?days=7`).then((answer) => answer.days).catch(() => undefined),
    ]);
    const report = buildDayReport({
      population, collectionDay, speed: timeline.speed, clockMode: this.sources.clockMode, realSeconds,
      topicPrefix: this.sources.namespace.topicPrefix, providerCapacity: this.sources.providerCapacity, plan, outcomes, metrics, deliveries,
      schedulesStopped, forwarderDataDay, dipStats, answers, sent: this.sources.sent(), providerLoads, forecast,
    });
    return { report, plan };
  }

  /** The run's stores (every table of every service) and each process's memory, now. */
  async census(day: number): Promise<DayCensus> {
    const { entries, namespace, client } = this.sources;
    const withDatabase = entries.filter((entry) => namespace.databaseOf(entry));
    const tables = (await Promise.all(withDatabase.map((entry) => tableSizesOf(entry.name, (sql, parameters) => client.query(entry.name, sql, parameters))))).flat();
    return { collectionDay: this.sources.timeline.collectionDayOf(day), tables, rssMb: this.sources.rssMb() };
  }

  /** Whether the scheduler has planned `collectionDay`; once it has, not asked again (its answer sums the day's items). */
  private async isPlanned(collectionDay: string): Promise<boolean> {
    if (this.plannedDays.has(collectionDay)) return true;
    const { client } = this.sources;
    const planned = await client.getJson(`${client.urls.scheduler}/plans/${collectionDay}`).then(() => true, () => false);
    if (planned) this.plannedDays.add(collectionDay);
    return planned;
  }

  /** Each SIMULATED provider's slots: Halfhour's reads and how its own BAU traffic fared. */
  private async providerLoads(): Promise<Record<string, SlotLoad[]>> {
    const { client } = this.sources;
    const loads = await Promise.all(providerLoadFor(this.sources.providerCapacity).map(async ({ provider }) =>
      [provider, (await client.getJson<{ slots: SlotLoad[] }>(`${client.urls.providerSimulator}/providers/${provider}/load`)).slots] as const));
    return Object.fromEntries(loads);
  }

  private async userAnswers(): Promise<UserAnswers> {
    const reader = new UserAnswerReader();
    await forEachTopicRecordToEnd(withTopicPrefix(Topics.userResponses, this.sources.namespace.topicPrefix).name, (record) => reader.read(record));
    return reader.result;
  }

  /** What the SIMULATED DIP accepted, checked against what `population` expects a page at a time. */
  private async deliveriesAtDip(population: Population): Promise<DeliveryFindings> {
    const check = new DeliveryCheck(population);
    await forEachDipMpanDayPage(this.sources.client.urls.dipSimulator, (days) => check.add(days));
    return check.result();
  }
}
