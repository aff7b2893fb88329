import { ITEM_OUTCOMES, LaneForecast, ProviderPlanReport, providerKeyOf } from '@halfhour/domain';
import { Population, SlotLoad } from '@halfhour/simulation';
import { checkResponses } from './day-checks';
import { DeliveryFindings } from './delivery-check';
import { bauFigures } from './bau-figures';
import { StackMetrics } from './stack-view';
import { countBy, ratio } from './report-math';
import { refusalCodesOf, UserAnswers } from './user-answers';
import { abuseTally } from './abuse-tally';

export interface HourRow {
  provider: string; hour: string; planned: number; plannedScheduled: number; plannedOnDemand: number; plannedBau: number;
  mhhsCapacity: number; scheduledCapacity: number; reservedCapacity: number; bauCapacity: number;
}
export interface PlanView { planDay: string; plannedAt: string; demands: number; items: number; report: ProviderPlanReport[]; hours: HourRow[] }
/** Items of the collection day by provider, kind and state: how many, how many within their TRT, reads sent for them, and of those the ones sent again. */
export interface ItemOutcome { provider: string; kind: string; state: string; items: number; withinTrt: number; dispatches: number; resent: number }
/** A request as the users sent it: its ID and the population's request it came from. */
export interface SentRequest { requestId: string; index: number }

/** Everything the report is made from, gathered at the end of the run. */
export interface RunFacts {
  population: Population;
  collectionDay: string;
  topicPrefix: string;
  speed: number;
  clockMode: 'stepped' | 'free-running';
  realSeconds: number;
  providerCapacity: string;
  plan?: PlanView;
  outcomes: ItemOutcome[];
  metrics: StackMetrics;
  /** Schedules stopped during the collection day, by reason: the scheduler's report API. */
  schedulesStopped: Record<string, number>;
  /** The data day's MPAN-days at the forwarder by state: its delivery report API. */
  forwarderDataDay: ForwarderDay;
  /** What the (simulated) DIP accepted, checked against what the population expects, a page at a time. */
  deliveries: DeliveryFindings;
  dipStats: Record<string, number>;
  /** The user-responses topic as a user reads it: repeats of a message ID dropped. */
  answers: UserAnswers;
  sent: SentRequest[];
  /** Each SIMULATED provider's slots: Halfhour's reads and how its own BAU traffic fared. */
  providerLoads?: Record<string, SlotLoad[]>;
  /** The scheduler's forecast of the coming days (GET /forecast) at the end of the run. */
  forecast?: LaneForecast[];
}

const sumBy = <T>(rows: readonly T[], key: (row: T) => string, value: (row: T) => number): Record<string, number> =>
  rows.reduce<Record<string, number>>((totals, row) => ({ ...totals, [key(row)]: (totals[key(row)] ?? 0) + value(row) }), {});
const sumOf = (rows: readonly ItemOutcome[], pick: (row: ItemOutcome) => number = (row) => row.items) => rows.reduce((total, row) => total + pick(row), 0);

/**
 * The day's report: what the consultees asked the DCC to show — capacity use and headroom per
 * provider, HH collection share, scheduled vs on-demand, success rates, TRT compliance, reads
 * saved, refusals, MPAN-days delivered — and whether the numbers reconcile and the outcome is the
 * one the population's design expects. Its figures come from durable stores (the services'
 * databases, the topics, the DIP's record), which a restart does not reset; only the adapters'
 * provider calls and cache lookups are process counters, since the adapters last started.
 */
export function buildDayReport(facts: RunFacts) {
  const { population, outcomes, metrics } = facts;
  const meters = population.meters;
  const providers = [...new Set([...meters.map((m) => providerKeyOf(m.provider)), ...outcomes.map((o) => o.provider)])].sort();
  const of = (kind: string) => outcomes.filter((o) => o.kind === kind || (kind === 'SCHEDULED' && o.kind === 'BACKSTOP'));
  const readsOf = (rows: readonly ItemOutcome[]) => {
    const succeeded = sumOf(rows.filter((r) => r.state === ITEM_OUTCOMES.delivered));
    const stopped = sumOf(rows.filter((r) => r.state === ITEM_OUTCOMES.stopped));
    const items = sumOf(rows);
    return { items, succeeded, stopped, expired: sumOf(rows.filter((r) => r.state === ITEM_OUTCOMES.expired)), successRate: ratio(succeeded, items - stopped) };
  };
  const cacheHits = metrics.smets1.sum('halfhour_adapter_cache_lookups_total', { outcome: 'hit' });
  const cacheMisses = metrics.smets1.sum('halfhour_adapter_cache_lookups_total', { outcome: 'miss' });

  return {
    run: {
      collectionDay: facts.collectionDay, topicPrefix: facts.topicPrefix, dataDay: population.settings.dataDay, seed: population.settings.seed, clockMode: facts.clockMode, clockSpeed: facts.speed,
      realSeconds: Math.round(facts.realSeconds), providerCapacity: facts.providerCapacity,
    },
    population: {
      mpans: meters.length,
      smets1: meters.filter((m) => m.generation === 1).length,
      smets2: meters.filter((m) => m.generation === 2).length,
      byProvider: Object.fromEntries(providers.map((p) => [p, meters.filter((m) => providerKeyOf(m.provider) === p).length])),
      mdrCollected: meters.filter((m) => m.mdr).length,
      optedOut: meters.filter((m) => m.consent === 'DOMESTIC_OPTED_OUT').length,
      export: meters.filter((m) => m.direction === 'EXPORT').length,
      midRunChanges: countBy(population.changes.map((c) => c.kind)),
    },
    hhCollection: hhCollectionOf(facts),
    capacity: capacityOf(facts.plan, providers),
    bau: bauFigures(facts.providerLoads ?? {}),
    forecast: facts.forecast,
    reads: {
      scheduled: readsOf(of('SCHEDULED')),
      onDemand: readsOf(of('ON_DEMAND')),
      dispatchedByKind: sumBy(outcomes, (o) => o.kind, (o) => o.dispatches),
      backstops: sumOf(outcomes, (o) => o.resent),
      providerCallsByOutcome: sumRecords(metrics.smets2.by('halfhour_adapter_provider_calls_total', 'outcome'), metrics.smets1.by('halfhour_adapter_provider_calls_total', 'outcome')),
    },
    trt: {
      items: sumOf(outcomes.filter((o) => o.state !== ITEM_OUTCOMES.stopped)),
      withinTrt: sumOf(outcomes, (o) => o.withinTrt),
      compliance: ratio(sumOf(outcomes, (o) => o.withinTrt), sumOf(outcomes.filter((o) => o.state !== ITEM_OUTCOMES.stopped))),
      breaches: sumOf(outcomes.filter((o) => o.state === ITEM_OUTCOMES.expired)),
    },
    readsSaved: {
      collectOnce: facts.plan ? facts.plan.demands - facts.plan.items : 0,
      smets1Cache: { hits: cacheHits, misses: cacheMisses, hitRatio: ratio(cacheHits, cacheHits + cacheMisses) },
    },
    refusals: {
      byCode: countBy(refusalCodesOf(facts.answers)),
      byReason: metrics.access.by('halfhour_access_refusals_total', 'reason'),
      schedulesStopped: facts.schedulesStopped,
    },
    dip: {
      mpanDaysDelivered: facts.deliveries.delivered,
      forwarderDataDay: facts.forwarderDataDay,
      ...facts.dipStats,
    },
    dataAnswers: dataAnswersOf(facts.answers.codesByRequest),
    reconciliation: reconcile(providers, outcomes),
    checks: {
      deliveries: facts.deliveries,
      responses: checkResponses(population, facts.sent, facts.answers),
      abuse: abuseTally(population, facts.sent, facts.answers.codesByRequest),
    },
  };
}

/** What the dip-forwarder's `GET /deliveries/days/{date}` says of a settlement day's MPAN-days. */
export interface ForwarderDay { pending: number; delivered: number; refused: number }

export type DayReport = ReturnType<typeof buildDayReport>;

/** planned = delivered + stopped + expired (+ unfinished, which must be none), per provider. */
function reconcile(providers: readonly string[], outcomes: readonly ItemOutcome[]) {
  return providers.map((provider) => {
    const rows = outcomes.filter((o) => o.provider === provider);
    const count = (state: string) => sumOf(rows.filter((r) => r.state === state));
    const planned = sumOf(rows);
    const delivered = count(ITEM_OUTCOMES.delivered);
    const stopped = count(ITEM_OUTCOMES.stopped);
    const expired = count(ITEM_OUTCOMES.expired);
    const unfinished = planned - delivered - stopped - expired;
    return { provider, planned, delivered, stopped, expired, unfinished, reconciles: unfinished === 0 };
  });
}

function hhCollectionOf(facts: RunFacts) {
  const registry = facts.metrics.intake.sum('halfhour_registry_mpans');
  const read = facts.deliveries.mpansWithDataOnDataDay;
  return {
    registryMpans: registry,
    hhPermittedMpans: facts.metrics.intake.sum('halfhour_registry_hh_permitted_mpans'),
    mpansWithHhDataForDataDay: read,
    share: ratio(read, facts.population.meters.length),
  };
}

function capacityOf(plan: PlanView | undefined, providers: readonly string[]) {
  return providers.map((provider) => {
    const hours = (plan?.hours ?? []).filter((h) => h.provider === provider && h.mhhsCapacity > 0);
    const utilisation = hours.map((h) => h.planned / h.mhhsCapacity);
    const report = plan?.report.find((r) => r.provider === provider);
    const peak = utilisation.length ? Math.max(...utilisation) : 0;
    return {
      provider,
      mhhsReadsPerSlot: report?.mhhsReadsPerSlot ?? null,
      itemsAtPlan: report?.items ?? 0,
      /** MHHS reads the provider can take over the day's hours (scheduled and reserved lanes). */
      mhhsReadsInDay: hours.reduce((total, h) => total + h.mhhsCapacity, 0),
      unplacedAtPlan: report?.unplaced ?? 0,
      peakSlotLoad: report?.peakSlotLoad ?? 0,
      peakHourUtilisation: ratio(peak * 1000, 1000),
      meanHourUtilisation: ratio(utilisation.reduce((a, b) => a + b, 0), utilisation.length || 1),
      headroom: ratio((1 - peak) * 1000, 1000),
    };
  });
}

function sumRecords(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = (out[key] ?? 0) + value;
  return out;
}

/** Answers with data by where it went (routeData): the DIP's reference told (settlement), or the values sent to the user alone. */
function dataAnswersOf(codesByRequest: ReadonlyMap<string, readonly string[]>): { dipReference: number; values: number } {
  const counts = { dipReference: 0, values: 0 };
  for (const codes of codesByRequest.values()) {
    for (const code of codes) {
      if (code === 'DATA') counts.dipReference += 1;
      else if (code === 'VALUES') counts.values += 1;
    }
  }
  return counts;
}
