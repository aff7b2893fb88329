import { CalendarDate, datedPeriod, earlierOf } from '../calendar/calendar-date';
import { ConsentPeriod, DevicePeriod, MdrPeriod, MpanTimeline, SupplierPeriod } from './mpan-timeline';
import {
  DeviceCommissioned,
  DeviceDecommissioned,
  HhConsentChanged,
  MdrAppointed,
  MdrAppointmentTerminated,
  RegistrationEvent,
  SupplierRegistered,
} from './registration-event';

/**
 * The timeline of one MPAN from the set of its events (R-REG-1…3, R-REG-5, R-REG-6). It depends
 * only on the set: any order of arrival, with any duplicates, gives the same timeline. The rules,
 * also in docs/registry-rules.md:
 *
 * 1. Messages about the same appointment or registration apply in sequence order (the publisher's
 *    sequence number; message ID breaks a tie): an amendment replaces dates and MDR, a termination
 *    can only bring the end date forward.
 * 2. Effective dates decide the timeline; the sequence breaks ties between things starting on the
 *    same day. Every period runs from its start (inclusive) to its end (exclusive).
 * 3. Overlapping MDR appointments: the one starting later supersedes, ending the earlier one on
 *    its start date; the earlier one does not resume afterwards.
 * 4. A supplier registration lasts until the next one. A Change of Supplier (a different supplier
 *    from date D) ends the MDR appointment in force at D, unless the registration says the gaining
 *    supplier retains it; an appointment starting on D is the gaining supplier's and stays.
 * 5. Consent lasts until the next consent record.
 * 6. A commissioned device serves the MPAN until it is decommissioned or another device is
 *    commissioned for the MPAN (a meter exchange).
 */
export function buildMpanTimeline(mpan: string, events: readonly RegistrationEvent[]): MpanTimeline {
  const unique = [...new Map(events.filter((e) => e.mpan === mpan).map((e) => [e.messageId, e])).values()];
  const ofKind = <K extends RegistrationEvent['kind']>(...kinds: K[]) =>
    unique.filter((e): e is Extract<RegistrationEvent, { kind: K }> => (kinds as string[]).includes(e.kind));

  const suppliers = supplierPeriods(ofKind('SUPPLIER_REGISTERED'));
  return {
    mpan,
    suppliers,
    mdrAppointments: mdrPeriods(ofKind('MDR_APPOINTED', 'MDR_APPOINTMENT_AMENDED', 'MDR_APPOINTMENT_TERMINATED'), changeOfSupplierCuts(suppliers, ofKind('SUPPLIER_REGISTERED'))),
    consent: consentPeriods(ofKind('HH_CONSENT_CHANGED')),
    devices: devicePeriods(ofKind('DEVICE_COMMISSIONED', 'DEVICE_DECOMMISSIONED')),
  };
}

function bySequence(a: RegistrationEvent, b: RegistrationEvent): number {
  return a.sequence - b.sequence || compareText(a.messageId, b.messageId);
}

function byStartThenSequence(a: { from: CalendarDate } & RegistrationEvent, b: { from: CalendarDate } & RegistrationEvent): number {
  return compareText(a.from, b.from) || bySequence(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item)) ?? [];
    group.push(item);
    groups.set(keyOf(item), group);
  }
  return groups;
}

function nonEmpty<T extends { from: CalendarDate; to?: CalendarDate }>(period: T): boolean {
  return period.to === undefined || period.from < period.to;
}

/** Periods that each last until the next one starts; of two starting the same day, the later sequence wins. */
function consecutive<E extends { from: CalendarDate } & RegistrationEvent, P extends object>(events: E[], toPeriod: (event: E) => P): (P & { from: CalendarDate; to?: CalendarDate })[] {
  const sorted = [...events].sort(byStartThenSequence);
  return sorted
    .map((event, i) => datedPeriod(toPeriod(event), event.from, sorted[i + 1]?.from))
    .filter(nonEmpty);
}

interface AppointmentState {
  appointmentId: string;
  mdrMpid: string;
  from: CalendarDate;
  to?: CalendarDate;
  sequence: number;
}

/** Rule 1: the appointment as its messages, applied in sequence order, leave it. */
function currentAppointments(events: (MdrAppointed | MdrAppointmentTerminated)[]): AppointmentState[] {
  const appointments: AppointmentState[] = [];
  for (const [appointmentId, messages] of groupBy(events, (e) => e.appointmentId)) {
    let state: AppointmentState | undefined;
    for (const message of [...messages].sort(bySequence)) {
      if (message.kind === 'MDR_APPOINTMENT_TERMINATED') {
        if (state) state = { ...state, to: earlierOf(state.to, message.to), sequence: message.sequence };
      } else {
        state = { appointmentId, mdrMpid: message.mdrMpid, from: message.from, to: message.to, sequence: message.sequence };
      }
    }
    if (state) appointments.push(state);
  }
  return appointments;
}

/** Rules 3 and 4. */
function mdrPeriods(events: (MdrAppointed | MdrAppointmentTerminated)[], cuts: CalendarDate[]): MdrPeriod[] {
  const sorted = currentAppointments(events).sort(
    (a, b) => compareText(a.from, b.from) || a.sequence - b.sequence || compareText(a.appointmentId, b.appointmentId),
  );
  return sorted
    .map((appointment, i) => {
      let to = earlierOf(appointment.to, sorted[i + 1]?.from);
      for (const cut of cuts) if (appointment.from < cut) to = earlierOf(to, cut);
      return datedPeriod({ appointmentId: appointment.appointmentId, mdrMpid: appointment.mdrMpid }, appointment.from, to);
    })
    .filter(nonEmpty);
}

function supplierPeriods(events: SupplierRegistered[]): SupplierPeriod[] {
  return consecutive(latestPerId(events, (e) => e.registrationId), (e) => ({ supplierMpid: e.supplierMpid, registrationId: e.registrationId }));
}

/** The dates on which a different supplier takes over without retaining the MDR appointment. */
function changeOfSupplierCuts(periods: SupplierPeriod[], events: SupplierRegistered[]): CalendarDate[] {
  const latest = new Map(latestPerId(events, (e) => e.registrationId).map((e) => [e.registrationId, e]));
  return periods
    .filter((period, i) => i > 0 && period.supplierMpid !== periods[i - 1].supplierMpid)
    .filter((period) => !latest.get(period.registrationId)!.mdrAppointmentRetained)
    .map((period) => period.from);
}

function latestPerId<E extends RegistrationEvent>(events: E[], idOf: (event: E) => string): E[] {
  return [...groupBy(events, idOf).values()].map((group) => [...group].sort(bySequence).at(-1)!);
}

function consentPeriods(events: HhConsentChanged[]): ConsentPeriod[] {
  return consecutive(events, (e) => ({ status: e.status }));
}

/** Rule 6. */
function devicePeriods(events: (DeviceCommissioned | DeviceDecommissioned)[]): DevicePeriod[] {
  const periods: DevicePeriod[] = [];
  let current: DevicePeriod | undefined;
  const close = (day: CalendarDate) => {
    if (current) periods.push(datedPeriod(current, current.from, day));
    current = undefined;
  };
  for (const event of [...events].sort(byStartThenSequence)) {
    if (event.kind === 'DEVICE_COMMISSIONED') {
      close(event.from);
      current = datedPeriod({ deviceId: event.deviceId, generation: event.generation, provider: event.provider, direction: event.direction }, event.from, undefined);
    } else if (current?.deviceId === event.deviceId) {
      close(event.from);
    }
  }
  if (current) periods.push(current);
  return periods.filter(nonEmpty);
}
