import {
  addDays, CalendarDate, EnergyDirection, HhConsentStatus, itemKeyOf, RequestPurpose, ServiceProvider, SmetsGeneration,
} from '@halfhour/domain';
import { hostileRequests, spoiledRequests } from './hostile-requests';
import { SeededRandom } from './seeded-random';
import { simulatedMeter } from './simulated-meter';
import { businessAsUsualReads, onDemandReads, scheduledReads, schedulesOfNewAppointments } from './genuine-requests';

export { deviceIdOf, simulatedMeter } from './simulated-meter';

/**
 * A SIMULATED population of smart meters, their market participants and what their DCC users ask
 * for during one run: the seed of `npm start`'s settlement day and of the end-to-end test. Pure and
 * seeded, so a run can be repeated and its expected outcome is known before it starts.
 */
export interface PopulationSettings {
  mpans: number;
  seed: number;
  /** The settlement day whose data the run collects; it is read the day after. */
  dataDay: CalendarDate;
  /** NFR-1: the share of MHHS collection done by MDRs (the rest by suppliers). */
  mdrShare: number;
  /** NFR-3: of the MDR-collected MPANs, the share whose supplier also schedules the same data. */
  supplierAlsoReadsShare: number;
  /** End-2023: 14.6 m SMETS1 of 33.5 m smart meters. */
  smets1Share: number;
  optedOutShare: number;
  exportShare: number;
  /** Share of MDR-collected MPANs whose MDR asks, mid-run, for the day before as well. */
  onDemandShare: number;
  /** Share of supplier-collected MPANs whose supplier asks, mid-run, for the day before for its own business (BAU): never settlement data. */
  supplierBauShare: number;
  /** Schedules end after the data day instead of running daily for ever (benchmarks: one day's work). */
  oneDaySchedules: boolean;
}

export const DEFAULT_POPULATION_SETTINGS: Omit<PopulationSettings, 'mpans' | 'dataDay'> = {
  seed: 162,
  mdrShare: 0.25,
  supplierAlsoReadsShare: 0.2,
  smets1Share: 14.6 / 33.5,
  optedOutShare: 0.04,
  exportShare: 0.03,
  onDemandShare: 0.04,
  supplierBauShare: 0.02,
  oneDaySchedules: false,
};

export const SIMULATED_SUPPLIERS = ['SUPA', 'SUPB', 'SUPC', 'SUPD'] as const;
export const SIMULATED_MDRS = ['MDRA', 'MDRB'] as const;
export const SIMULATED_S1SPS = ['S1SP-A', 'S1SP-B'] as const;

export interface SimulatedMeter {
  mpan: string;
  deviceId: string;
  generation: SmetsGeneration;
  provider: ServiceProvider;
  direction: EnergyDirection;
  supplier: string;
  /** The MDR appointed before the run, if any. */
  mdr?: string;
  consent: HhConsentStatus;
}

/**
 * Registry changes CSS (and the DCC's inventory, for a meter exchange) sends while the day runs
 * (after the plan, before the reads). `appointment` numbers an MPAN's appointments: 1 is the one
 * in force before the run.
 */
export type MidRunChange =
  | { kind: 'APPOINTMENT_ENDS'; mpan: string; mdr: string; appointment: number; effectiveTo: CalendarDate }
  | { kind: 'APPOINTMENT_STARTS'; mpan: string; mdr: string; appointment: number; effectiveFrom: CalendarDate }
  | { kind: 'CHANGE_OF_SUPPLIER'; mpan: string; supplier: string; effectiveFrom: CalendarDate; mdrRetained: boolean }
  | { kind: 'CONSENT_CHANGES'; mpan: string; consent: HhConsentStatus; effectiveFrom: CalendarDate }
  | { kind: 'METER_EXCHANGED'; mpan: string; deviceId: string; generation: SmetsGeneration; provider: ServiceProvider; direction: EnergyDirection; effectiveFrom: CalendarDate };

/**
 * What a user hears after the decision on a read: DATA, where its settlement data went (the DIP
 * reference); VALUES, the data itself, for a read of its own that is not settlement (routeData);
 * or that the schedule stopped (E41).
 */
export type ReadOutcome = 'DATA' | 'VALUES' | 'E41';

/** When in the run a user sends a request. */
export type RequestPhase = 'BEFORE_PLAN' | 'AFTER_APPOINTMENTS' | 'ON_DEMAND';

/** How a request is spoiled on purpose, to be refused. */
export type Tampering = 'FORGED_SIGNATURE' | 'REPLAYED_COUNTER' | 'EXPIRED';

/**
 * Suppliers read import MPANs as import suppliers (IS) and export MPANs as export suppliers (ES);
 * the other roles appear only as the abuse campaign's hostile users (hostile-requests.ts).
 */
export type SimulatedRole = 'MDR' | 'IS' | 'ES' | 'ED' | 'GS' | 'GT' | 'OU';

/** What a hostile request tries (the abuse campaign): each must be refused, and no data released. */
export type AbuseKind = 'NO_RELATIONSHIP' | 'UNKNOWN_MPAN_PROBE' | 'PERIOD_IN_FUTURE' | 'PERIOD_OF_CENTURIES' | 'REVOKED_USER' | 'DELETED_USER';

export interface SimulatedRequest {
  user: string;
  role: SimulatedRole;
  mpan: string;
  /** The request's target device (normally the MPAN's meter). */
  deviceId: string;
  phase: RequestPhase;
  srv: string;
  /** 5.1 from this day (to `endDate`, inclusive, if given), or an on-demand read of these days [from, to). */
  schedule?: { startDate: CalendarDate; endDate?: CalendarDate };
  days?: { from: CalendarDate; to: CalendarDate };
  tampering?: Tampering;
  /** Sent as a version-2 request with this purpose; absent, a version-1 request (MHHS). */
  purpose?: RequestPurpose;
  /** Set on the abuse campaign's hostile requests: what each tries. */
  abuse?: AbuseKind;
  /** The run's day (0 the first) on which the user sends it; a one-day run's are all 0. */
  day?: number;
  /** What the user should hear: the decision, then for each day the run reads for it DATA, or E41 once when it stops. */
  expected: { decision: string; outcomes: ReadOutcome[] };
}

export interface Population {
  settings: PopulationSettings;
  meters: SimulatedMeter[];
  changes: MidRunChange[];
  requests: SimulatedRequest[];
  /** `mpan|srv|day` of every MPAN-day that must reach the DIP exactly once. */
  expectedDeliveries: Set<string>;
}

export function generatePopulation(settings: PopulationSettings): Population {
  const random = new SeededRandom(settings.seed);
  const meters = Array.from({ length: settings.mpans }, (_, index) => simulatedMeter(index, random, settings));
  const mdrCollected = meters.filter((m) => m.mdr);
  const changes = midRunChanges(meters, random, settings.dataDay);
  const changed = new Set(changes.map((c) => c.mpan));
  const requests = [
    ...scheduledReads(meters, random, settings),
    // A one-day run has no tomorrow for newly appointed MDRs to schedule.
    ...(settings.oneDaySchedules ? [] : schedulesOfNewAppointments(changes, meters, settings.dataDay)),
    ...onDemandReads(mdrCollected.filter((m) => !changed.has(m.mpan)), random, settings),
    ...spoiledRequests(meters, random, settings.dataDay),
    ...hostileRequests(meters, random, settings.dataDay),
    // Its own stream, so the rest of a seed's population is as it was before BAU reads were added.
    ...businessAsUsualReads(meters.filter((m) => !m.mdr && !changed.has(m.mpan)), new SeededRandom(settings.seed + 1), settings),
  ];
  const population: Population = { settings, meters, changes, requests, expectedDeliveries: new Set() };
  settleExpectations(population);
  return population;
}

/** Every answer a request should get, in the order given: a refusal alone, or I0 for a schedule and then each read's outcome. */
export function answersExpected(request: Pick<SimulatedRequest, 'schedule' | 'expected'>): string[] {
  if (request.expected.decision !== 'I0') return [request.expected.decision];
  return [...(request.schedule ? ['I0'] : []), ...request.expected.outcomes];
}

export function deliveryKey(mpan: string, srv: string, day: CalendarDate): string {
  return itemKeyOf({ mpan, srv, dataDay: day });
}

export function profileSrvOf(meter: Pick<SimulatedMeter, 'direction'>): string {
  return meter.direction === 'EXPORT' ? '4.8.3' : '4.8.1';
}

/** About 1 % of appointments end, 1 % start, and two Changes of Supplier (one keeping the MDR). */
function midRunChanges(meters: readonly SimulatedMeter[], random: SeededRandom, dataDay: CalendarDate): MidRunChange[] {
  const appointed = meters.filter((m) => m.mdr && m.consent !== 'DOMESTIC_OPTED_OUT');
  const unappointed = meters.filter((m) => !m.mdr && m.consent !== 'DOMESTIC_OPTED_OUT');
  const few = (list: readonly unknown[]) => Math.max(1, Math.round(list.length * 0.01));
  const ending = random.sample(appointed, few(appointed));
  const starting = random.sample(unappointed, few(unappointed));
  const switching = random.sample(appointed.filter((m) => !ending.includes(m)), 2);
  return [
    ...ending.map((m): MidRunChange => ({ kind: 'APPOINTMENT_ENDS', mpan: m.mpan, mdr: m.mdr!, appointment: 1, effectiveTo: dataDay })),
    ...starting.map((m): MidRunChange => ({ kind: 'APPOINTMENT_STARTS', mpan: m.mpan, mdr: random.pick(SIMULATED_MDRS), appointment: 2, effectiveFrom: addDays(dataDay, 1) })),
    ...switching.map((m, i): MidRunChange => ({
      kind: 'CHANGE_OF_SUPPLIER', mpan: m.mpan, supplier: SIMULATED_SUPPLIERS.find((s) => s !== m.supplier)!, effectiveFrom: dataDay, mdrRetained: i === 0,
    })),
  ];
}

/** Which reads end stopped (E41) once the mid-run changes apply, and what must reach the DIP: settlement data only, never a VALUES read's. */
function settleExpectations(population: Population): void {
  const { changes, requests, expectedDeliveries, settings } = population;
  const mdrLoses = new Set(changes.flatMap((c) => (c.kind === 'APPOINTMENT_ENDS' || (c.kind === 'CHANGE_OF_SUPPLIER' && !c.mdrRetained) ? [c.mpan] : [])));
  const supplierLoses = new Set(changes.flatMap((c) => (c.kind === 'CHANGE_OF_SUPPLIER' ? [c.mpan] : [])));
  for (const request of requests) {
    if (!request.expected.outcomes.includes('DATA')) continue;
    const readOnDataDay = request.schedule?.startDate === settings.dataDay;
    const loses = request.role === 'MDR' ? mdrLoses : supplierLoses;
    if (readOnDataDay && loses.has(request.mpan)) request.expected = { decision: 'I0', outcomes: ['E41'] };
    else expectedDeliveries.add(deliveryKey(request.mpan, request.srv, request.schedule?.startDate ?? request.days!.from));
  }
}
