import { CalendarDate } from '../calendar/calendar-date';
import { HhConsentStatus } from './hh-consent';

export type SmetsGeneration = 1 | 2;
export type EnergyDirection = 'IMPORT' | 'EXPORT';
export const CSP_REGIONS = ['NORTH', 'CENTRAL', 'SOUTH'] as const;
export type CspRegion = (typeof CSP_REGIONS)[number];

/** Where the meter is reached: a CSP region for SMETS2, an S1SP for SMETS1 (R-REG-6). */
export type ServiceProvider = { kind: 'CSP'; region: CspRegion } | { kind: 'S1SP'; s1spId: string };

interface EventBase {
  messageId: string;
  mpan: string;
  /** The publisher's sequence number: breaks ties between events about the same thing. */
  sequence: number;
}

export interface MdrAppointed extends EventBase {
  kind: 'MDR_APPOINTED' | 'MDR_APPOINTMENT_AMENDED';
  appointmentId: string;
  mdrMpid: string;
  from: CalendarDate;
  to?: CalendarDate;
}

export interface MdrAppointmentTerminated extends EventBase {
  kind: 'MDR_APPOINTMENT_TERMINATED';
  appointmentId: string;
  to: CalendarDate;
}

export interface SupplierRegistered extends EventBase {
  kind: 'SUPPLIER_REGISTERED';
  registrationId: string;
  supplierMpid: string;
  from: CalendarDate;
  /** The gaining supplier keeps the MDR appointment in force at `from`; otherwise it ends then. */
  mdrAppointmentRetained: boolean;
}

export interface HhConsentChanged extends EventBase {
  kind: 'HH_CONSENT_CHANGED';
  status: HhConsentStatus;
  from: CalendarDate;
}

export interface DeviceCommissioned extends EventBase {
  kind: 'DEVICE_COMMISSIONED';
  deviceId: string;
  generation: SmetsGeneration;
  provider: ServiceProvider;
  direction: EnergyDirection;
  from: CalendarDate;
}

export interface DeviceDecommissioned extends EventBase {
  kind: 'DEVICE_DECOMMISSIONED';
  deviceId: string;
  from: CalendarDate;
}

/** Every fact about an MPAN the registry keeps; its timeline is a pure function of the set of them. */
export type RegistrationEvent =
  | MdrAppointed
  | MdrAppointmentTerminated
  | SupplierRegistered
  | HhConsentChanged
  | DeviceCommissioned
  | DeviceDecommissioned;
