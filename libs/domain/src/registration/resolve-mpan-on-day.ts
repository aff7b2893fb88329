import { CalendarDate, DatedPeriod, isWithin } from '../calendar/calendar-date';
import { HhConsentStatus, isHhPermitted } from './hh-consent';
import { DevicePeriod, MdrPeriod, MpanTimeline, SupplierPeriod } from './mpan-timeline';

/** The one answer to "who is the MDR / supplier of MPAN m on day d, may HH data be read, which device serves it". */
export interface MpanOnDay {
  mpan: string;
  day: CalendarDate;
  mdr?: Omit<MdrPeriod, keyof DatedPeriod>;
  supplier?: Omit<SupplierPeriod, keyof DatedPeriod>;
  hhConsent?: HhConsentStatus;
  hhPermitted: boolean;
  device?: Omit<DevicePeriod, keyof DatedPeriod>;
}

function on<P extends DatedPeriod>(periods: readonly P[], day: CalendarDate): Omit<P, keyof DatedPeriod> | undefined {
  const found = periods.find((period) => isWithin(period, day));
  if (!found) return undefined;
  const { from: _from, to: _to, ...rest } = found;
  return rest;
}

export function resolveMpanOnDay(timeline: MpanTimeline, day: CalendarDate): MpanOnDay {
  const consent = on(timeline.consent, day);
  return {
    mpan: timeline.mpan,
    day,
    mdr: on(timeline.mdrAppointments, day),
    supplier: on(timeline.suppliers, day),
    hhConsent: consent?.status,
    hhPermitted: isHhPermitted(consent?.status),
    device: on(timeline.devices, day),
  };
}
