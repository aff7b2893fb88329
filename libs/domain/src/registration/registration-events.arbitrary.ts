import fc from 'fast-check';
import { RegistrationEvent } from './registration-event';

/** Test support: random registration events over 2026, a week apart, few IDs so they collide. */
export const eventDay = fc.integer({ min: 0, max: 40 }).map((n) => {
  const date = new Date(Date.UTC(2026, 0, 1 + n * 7));
  return date.toISOString().slice(0, 10);
});
const mpid = fc.constantFrom('MDRA', 'MDRB', 'SUPA', 'SUPB');
const smallId = fc.constantFrom('x', 'y', 'z');

const anyEvent: fc.Arbitrary<Omit<RegistrationEvent, 'messageId' | 'mpan' | 'sequence'>> = fc.oneof(
  fc.record({ kind: fc.constantFrom('MDR_APPOINTED' as const, 'MDR_APPOINTMENT_AMENDED' as const), appointmentId: smallId, mdrMpid: mpid, from: eventDay, to: fc.option(eventDay, { nil: undefined }) }),
  fc.record({ kind: fc.constant('MDR_APPOINTMENT_TERMINATED' as const), appointmentId: smallId, to: eventDay }),
  fc.record({ kind: fc.constant('SUPPLIER_REGISTERED' as const), registrationId: smallId, supplierMpid: mpid, from: eventDay, mdrAppointmentRetained: fc.boolean() }),
  fc.record({ kind: fc.constant('HH_CONSENT_CHANGED' as const), status: fc.constantFrom('DOMESTIC_OPTED_IN' as const, 'DOMESTIC_OPTED_OUT' as const, 'DOMESTIC_LEGACY_NOT_OPTED_IN' as const, 'MICROBUSINESS' as const), from: eventDay }),
  fc.record({
    kind: fc.constant('DEVICE_COMMISSIONED' as const), deviceId: fc.constantFrom('00-00-00-00-00-00-00-01', '00-00-00-00-00-00-00-02'),
    generation: fc.constantFrom(1 as const, 2 as const), provider: fc.constant({ kind: 'CSP' as const, region: 'NORTH' as const }),
    direction: fc.constantFrom('IMPORT' as const, 'EXPORT' as const), from: eventDay,
  }),
  fc.record({ kind: fc.constant('DEVICE_DECOMMISSIONED' as const), deviceId: fc.constantFrom('00-00-00-00-00-00-00-01', '00-00-00-00-00-00-00-02'), from: eventDay }),
);

/** Any set of events about one MPAN: distinct sequence numbers and message IDs, as publishers assign them. */
export function registrationEventSet(mpan: string, maxLength = 25): fc.Arbitrary<RegistrationEvent[]> {
  return fc.array(anyEvent, { maxLength }).map((events) =>
    events.map((event, i) => ({ ...event, messageId: `msg-${i}`, mpan, sequence: i + 1 }) as RegistrationEvent),
  );
}

