import { addDays, CalendarDate, DEFAULT_CSP_REGION_BY_DISTRIBUTOR, HhConsentStatus, isHhPermitted } from '@halfhour/domain';
import {
  DEFAULT_POPULATION_SETTINGS, deliveryKey, deviceIdOf, MidRunChange, Population, profileSrvOf, SIMULATED_MDRS, SIMULATED_SUPPLIERS, SimulatedMeter,
  SimulatedRequest, SimulatedRole, simulatedMeter,
} from './population';
import { spoiledRequests } from './hostile-requests';
import { SeededRandom } from './seeded-random';

/**
 * A SIMULATED population over consecutive settlement days (`npm start -- --days N`): the MHHS
 * migration ramp (NFR-11: each day more MPANs get an MDR who schedules their HH data), the
 * registry's daily churn (appointments ending, Changes of Supplier, consent withdrawn, SMETS1
 * meters exchanged for SMETS2), users' schedules running on from day to day, and on-demand reads.
 * Pure and seeded; what every request must hear and what must reach the DIP, day by day, is worked
 * out here from the registry's dated periods, apart from the services' own rules.
 */
export interface WeekSettings {
  mpans: number;
  seed: number;
  /** The first day's data day; the run reads it on the day after. */
  firstDataDay: CalendarDate;
  days: number;
  /** The share of MPANs migrated (an MDR appointed and scheduling) on the first data day and on the last, in a straight line between. */
  ramp: { from: number; to: number };
  /** Each day, of the migrated MPANs, the share whose appointment ends, whose supplier changes, who withdraw consent, whose SMETS1 meter is exchanged (at least one of each). */
  dailyChangeShare: number;
  supplierAlsoReadsShare: number;
  /** Of the MPANs migrated before the run, the share whose MDR asks each day for a past day's data. */
  onDemandShare: number;
}

export const DEFAULT_WEEK_SETTINGS: Omit<WeekSettings, 'mpans' | 'seed' | 'firstDataDay' | 'days'> = {
  ramp: { from: 0.05, to: 0.25 },
  dailyChangeShare: 0.005,
  supplierAlsoReadsShare: DEFAULT_POPULATION_SETTINGS.supplierAlsoReadsShare,
  onDemandShare: DEFAULT_POPULATION_SETTINGS.onDemandShare,
};

export interface SimulatedDay {
  index: number;
  collectionDay: CalendarDate;
  dataDay: CalendarDate;
  /** What CSS and the inventory send early in the collection day. */
  changes: MidRunChange[];
  /** MPANs whose HH data of the data day must reach the DIP through a schedule. */
  scheduledMpans: number;
}

export interface WeekPopulation {
  settings: WeekSettings;
  /** The registry before the first day. */
  meters: SimulatedMeter[];
  days: SimulatedDay[];
  /** Every request of the run; `day` says when it is sent, `expected.outcomes` what it hears over the whole run. */
  requests: SimulatedRequest[];
  /** For each request, the run's day of each of its outcomes (same order). */
  outcomeDays: number[][];
  /** Every MPAN-day (`mpan|srv|day`) that must reach the DIP once, and the run's day that reads it. */
  deliveries: Map<string, number>;
  /** Each day's registry as it stands on its data day. */
  registryOn: SimulatedMeter[][];
}

const STANDING_SINCE = '2020-01-01';
const OPTED_OUT: HhConsentStatus = 'DOMESTIC_OPTED_OUT';

interface Dated { from: CalendarDate }
interface MpanRecord {
  meter: SimulatedMeter;
  /** Appointment n is at index n − 1. */
  appointments: (Dated & { mdr: string; to?: CalendarDate })[];
  suppliers: (Dated & { supplier: string })[];
  consents: (Dated & { status: HhConsentStatus })[];
  devices: (Dated & Pick<SimulatedMeter, 'deviceId' | 'generation' | 'provider'>)[];
  /** Touched by a change in the run: not picked for another, nor for an on-demand read. */
  changed: boolean;
}
interface RunningSchedule { index: number; record: MpanRecord; start: CalendarDate; stopped: boolean }

export function generateWeek(settings: WeekSettings): WeekPopulation {
  if (settings.days < 1) throw new RangeError('a run has at least one day');
  const random = new SeededRandom(settings.seed);
  const meters = Array.from({ length: settings.mpans }, (_, index) =>
    simulatedMeter(index, random, { ...DEFAULT_POPULATION_SETTINGS, mdrShare: settings.ramp.from, supplierAlsoReadsShare: settings.supplierAlsoReadsShare }));
  const records = meters.map((meter) => recordOf(meter, settings.firstDataDay));
  const week = new WeekBuilder(settings, random, records);
  week.firstSchedules();
  for (const refused of spoiledRequests(meters, random, settings.firstDataDay)) week.add({ ...refused, day: 0 }, []);
  const days = Array.from({ length: settings.days }, (_, index) => week.playDay(index));
  return { settings, meters, days, requests: week.requests, outcomeDays: week.outcomeDays, deliveries: week.deliveries, registryOn: week.registryOn };
}

/**
 * One day of the run as a one-day population, for the day's report: its registry and changes, and
 * what is expected by the end of it — every request's outcomes so far and every MPAN-day read so far.
 */
export function dayPopulation(week: WeekPopulation, index: number): Population {
  const day = week.days[index];
  return {
    settings: { ...DEFAULT_POPULATION_SETTINGS, seed: week.settings.seed, mpans: week.settings.mpans, dataDay: day.dataDay },
    meters: index === 0 ? week.meters : week.registryOn[index],
    changes: day.changes,
    requests: week.requests.map((request, i) => ({
      ...request, expected: { ...request.expected, outcomes: request.expected.outcomes.filter((_, n) => week.outcomeDays[i][n] <= index) },
    })),
    expectedDeliveries: new Set([...week.deliveries].flatMap(([key, readOn]) => (readOn <= index ? [key] : []))),
  };
}

/** The ramp's share on the run's `day`. */
export function rampShareOn(settings: Pick<WeekSettings, 'ramp' | 'days'>, day: number): number {
  const progress = settings.days === 1 ? 0 : Math.min(day, settings.days - 1) / (settings.days - 1);
  return settings.ramp.from + (settings.ramp.to - settings.ramp.from) * progress;
}

class WeekBuilder {
  readonly requests: SimulatedRequest[] = [];
  readonly outcomeDays: number[][] = [];
  readonly deliveries = new Map<string, number>();
  readonly registryOn: SimulatedMeter[][] = [];
  private readonly schedules: RunningSchedule[] = [];

  constructor(private readonly settings: WeekSettings, private readonly random: SeededRandom, private readonly records: MpanRecord[]) {}

  /** Before the first plan: each migrated MPAN's MDR schedules it, some suppliers too. */
  firstSchedules(): void {
    for (const record of this.records.filter((r) => r.appointments.length > 0)) {
      this.schedule(record, 'MDR', record.meter.mdr!, this.settings.firstDataDay, 0, 'BEFORE_PLAN');
      if (this.random.chance(this.settings.supplierAlsoReadsShare)) {
        this.schedule(record, record.meter.direction === 'EXPORT' ? 'ES' : 'IS', record.meter.supplier, this.settings.firstDataDay, 0, 'BEFORE_PLAN');
      }
    }
  }

  playDay(index: number): SimulatedDay {
    const dataDay = addDays(this.settings.firstDataDay, index);
    const changes = this.churn(index, dataDay);
    if (index < this.settings.days - 1) changes.push(...this.migrate(index, dataDay));
    this.onDemandReads(index, dataDay);
    const scheduledMpans = this.read(index, dataDay);
    this.registryOn.push(this.records.map((record) => meterOn(record, dataDay)));
    return { index, collectionDay: addDays(dataDay, 1), dataDay, changes, scheduledMpans };
  }

  /**
   * Appointments ending, Changes of Supplier, consent withdrawn from the data day; SMETS1 meters
   * exchanged from the next. Only of appointments in force before the data day: one starting on it
   * stays through a Change of Supplier that day (registry rule 4), and one ending the day it starts never was.
   */
  private churn(day: number, dataDay: CalendarDate): MidRunChange[] {
    const collected = this.records.filter((r) => !r.changed && (current(r.appointments, dataDay)?.from ?? dataDay) < dataDay && consentPermits(r, dataDay));
    const count = Math.max(1, Math.round(collected.length * this.settings.dailyChangeShare));
    const pick = (from: MpanRecord[]) => {
      const picked = this.random.sample(from.filter((r) => !r.changed), count);
      picked.forEach((r) => (r.changed = true));
      return picked;
    };
    const changes: MidRunChange[] = [];
    for (const record of pick(collected)) {
      const appointment = current(record.appointments, dataDay)!;
      appointment.to = dataDay;
      changes.push({ kind: 'APPOINTMENT_ENDS', mpan: record.meter.mpan, mdr: appointment.mdr, appointment: record.appointments.indexOf(appointment) + 1, effectiveTo: dataDay });
    }
    for (const [i, record] of pick(collected).entries()) {
      const supplier = SIMULATED_SUPPLIERS.find((s) => s !== onDay(record.suppliers, dataDay)!.supplier)!;
      const mdrRetained = (day + i) % 2 === 0;
      record.suppliers.push({ supplier, from: dataDay });
      changes.push({ kind: 'CHANGE_OF_SUPPLIER', mpan: record.meter.mpan, supplier, effectiveFrom: dataDay, mdrRetained });
      if (!mdrRetained) {
        const ended = current(record.appointments, dataDay)!;
        ended.to = dataDay;
        changes.push(this.appoint(record, SIMULATED_MDRS.find((m) => m !== ended.mdr)!, day, addDays(dataDay, 1)));
      }
    }
    for (const record of pick(collected)) {
      record.consents.push({ status: OPTED_OUT, from: dataDay });
      changes.push({ kind: 'CONSENT_CHANGES', mpan: record.meter.mpan, consent: OPTED_OUT, effectiveFrom: dataDay });
    }
    for (const record of pick(collected.filter((r) => onDay(r.devices, dataDay)!.generation === 1))) {
      const from = addDays(dataDay, 1);
      const device = { deviceId: deviceIdOf(this.settings.mpans + this.records.indexOf(record)), generation: 2 as const, provider: cspOf(record.meter.mpan), from };
      record.devices.push(device);
      changes.push({ kind: 'METER_EXCHANGED', mpan: record.meter.mpan, ...device, direction: record.meter.direction, effectiveFrom: from });
    }
    return changes;
  }

  /** The ramp: enough new appointments from the next data day to reach its share, each MDR scheduling from its first day. */
  private migrate(day: number, dataDay: CalendarDate): MidRunChange[] {
    const next = addDays(dataDay, 1);
    const migrated = this.records.filter((r) => mdrOn(r, next) !== undefined && consentPermits(r, next)).length;
    const wanted = Math.round(this.settings.mpans * rampShareOn(this.settings, day + 1)) - migrated;
    const candidates = this.records.filter((r) => r.appointments.length === 0 && !r.changed && consentPermits(r, next));
    return this.random.sample(candidates, Math.max(0, wanted)).map((record) => this.appoint(record, this.random.pick(SIMULATED_MDRS), day, next));
  }

  private appoint(record: MpanRecord, mdr: string, day: number, from: CalendarDate): MidRunChange {
    record.appointments.push({ mdr, from });
    this.schedule(record, 'MDR', mdr, from, day, 'AFTER_APPOINTMENTS');
    return { kind: 'APPOINTMENT_STARTS', mpan: record.meter.mpan, mdr, appointment: record.appointments.length, effectiveFrom: from };
  }

  /**
   * MDRs of MPANs migrated before the run ask for a day before it that nobody has read (a new read
   * each day); for a few SMETS1 meters, the data day again (collected once, or from the cache).
   */
  private onDemandReads(day: number, dataDay: CalendarDate): void {
    const firstAppointed = addDays(this.settings.firstDataDay, -60);
    const eligible = this.records.filter((r) => !r.changed && r.appointments[0]?.from === firstAppointed && mdrOn(r, dataDay) !== undefined && consentPermits(r, dataDay));
    const count = Math.max(1, Math.round(eligible.length * this.settings.onDemandShare));
    const pastDay = addDays(this.settings.firstDataDay, -1 - day);
    for (const record of this.random.sample(eligible, count)) this.readOnDemand(record, pastDay, day);
    const smets1 = eligible.filter((r) => onDay(r.devices, dataDay)!.generation === 1);
    for (const record of this.random.sample(smets1, Math.max(1, Math.round(count / 4)))) this.readOnDemand(record, dataDay, day);
  }

  private readOnDemand(record: MpanRecord, asked: CalendarDate, day: number): void {
    const srv = profileSrvOf(record.meter);
    this.add({
      user: mdrOn(record, asked)!, role: 'MDR', mpan: record.meter.mpan, deviceId: onDay(record.devices, asked)!.deviceId, phase: 'ON_DEMAND', srv, day,
      days: { from: asked, to: addDays(asked, 1) }, expected: { decision: 'I0', outcomes: ['DATA'] },
    }, [day]);
    if (!this.deliveries.has(deliveryKey(record.meter.mpan, srv, asked))) this.deliveries.set(deliveryKey(record.meter.mpan, srv, asked), day);
  }

  /** The day's scheduled reads: DATA for each schedule still entitled on the data day; E41 once, and the schedule stops, for the rest. */
  private read(day: number, dataDay: CalendarDate): number {
    const read = new Set<string>();
    for (const schedule of this.schedules.filter((s) => !s.stopped && s.start <= dataDay)) {
      const request = this.requests[schedule.index];
      const entitled = consentPermits(schedule.record, dataDay) && (request.role === 'MDR' ? mdrOn(schedule.record, dataDay) : onDay(schedule.record.suppliers, dataDay)?.supplier) === request.user;
      if (!entitled) schedule.stopped = true;
      request.expected.outcomes.push(entitled ? 'DATA' : 'E41');
      this.outcomeDays[schedule.index].push(day);
      if (!entitled) continue;
      read.add(request.mpan);
      const key = deliveryKey(request.mpan, request.srv, dataDay);
      if (!this.deliveries.has(key)) this.deliveries.set(key, day);
    }
    return read.size;
  }

  private schedule(record: MpanRecord, role: SimulatedRole, user: string, start: CalendarDate, day: number, phase: 'BEFORE_PLAN' | 'AFTER_APPOINTMENTS'): void {
    const index = this.add({
      user, role, mpan: record.meter.mpan, deviceId: onDay(record.devices, start)!.deviceId, phase, srv: profileSrvOf(record.meter), day,
      schedule: { startDate: start }, expected: { decision: 'I0', outcomes: [] },
    }, []);
    this.schedules.push({ index, record, start, stopped: false });
  }

  add(request: SimulatedRequest, outcomeDays: number[]): number {
    this.requests.push(request);
    this.outcomeDays.push(outcomeDays);
    return this.requests.length - 1;
  }
}

function recordOf(meter: SimulatedMeter, firstDataDay: CalendarDate): MpanRecord {
  return {
    meter,
    appointments: meter.mdr ? [{ mdr: meter.mdr, from: addDays(firstDataDay, -60) }] : [],
    suppliers: [{ supplier: meter.supplier, from: STANDING_SINCE }],
    consents: [{ status: meter.consent, from: STANDING_SINCE }],
    devices: [{ deviceId: meter.deviceId, generation: meter.generation, provider: meter.provider, from: STANDING_SINCE }],
    changed: false,
  };
}

/** The latest period begun by `day`. */
function onDay<T extends Dated>(periods: readonly T[], day: CalendarDate): T | undefined {
  return periods.filter((p) => p.from <= day).at(-1);
}

function current(appointments: MpanRecord['appointments'], day: CalendarDate): MpanRecord['appointments'][number] | undefined {
  return appointments.find((a) => a.from <= day && (a.to === undefined || day < a.to));
}

function mdrOn(record: MpanRecord, day: CalendarDate): string | undefined {
  return current(record.appointments, day)?.mdr;
}

function consentPermits(record: MpanRecord, day: CalendarDate): boolean {
  return isHhPermitted(onDay(record.consents, day)?.status);
}

function cspOf(mpan: string): SimulatedMeter['provider'] {
  return { kind: 'CSP', region: DEFAULT_CSP_REGION_BY_DISTRIBUTOR[mpan.slice(0, 2) as keyof typeof DEFAULT_CSP_REGION_BY_DISTRIBUTOR] };
}

function meterOn(record: MpanRecord, day: CalendarDate): SimulatedMeter {
  const { mpan, direction } = record.meter;
  const { deviceId, generation, provider } = onDay(record.devices, day)!;
  const mdr = mdrOn(record, day);
  return { mpan, deviceId, generation, provider, direction, supplier: onDay(record.suppliers, day)!.supplier, consent: onDay(record.consents, day)!.status, ...(mdr ? { mdr } : {}) };
}
