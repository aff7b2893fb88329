import { CalendarDate, DatedPeriod } from '../calendar/calendar-date';
import { HhConsentStatus } from './hh-consent';
import { EnergyDirection, ServiceProvider, SmetsGeneration } from './registration-event';

export interface MdrPeriod extends DatedPeriod {
  mdrMpid: string;
  appointmentId: string;
}

export interface SupplierPeriod extends DatedPeriod {
  supplierMpid: string;
  registrationId: string;
}

export interface ConsentPeriod extends DatedPeriod {
  status: HhConsentStatus;
}

export interface DevicePeriod extends DatedPeriod {
  deviceId: string;
  generation: SmetsGeneration;
  provider: ServiceProvider;
  direction: EnergyDirection;
}

/** Everything the registry knows about one MPAN, as non-overlapping periods in date order. */
export interface MpanTimeline {
  mpan: string;
  mdrAppointments: MdrPeriod[];
  suppliers: SupplierPeriod[];
  consent: ConsentPeriod[];
  devices: DevicePeriod[];
}

export type { CalendarDate };
