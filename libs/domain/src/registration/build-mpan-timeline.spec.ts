import fc from 'fast-check';
import { buildMpanTimeline } from './build-mpan-timeline';
import { RegistrationEvent } from './registration-event';
import { resolveMpanOnDay } from './resolve-mpan-on-day';
import { registrationEventSet } from './registration-events.arbitrary';

const MPAN = '1200001234566';
let counter = 0;
const id = () => `m${++counter}`;

const appointed = (appointmentId: string, mdrMpid: string, from: string, to: string | undefined, sequence: number): RegistrationEvent =>
  ({ kind: 'MDR_APPOINTED', messageId: id(), mpan: MPAN, sequence, appointmentId, mdrMpid, from, to });
const amended = (appointmentId: string, mdrMpid: string, from: string, to: string | undefined, sequence: number): RegistrationEvent =>
  ({ kind: 'MDR_APPOINTMENT_AMENDED', messageId: id(), mpan: MPAN, sequence, appointmentId, mdrMpid, from, to });
const terminated = (appointmentId: string, to: string, sequence: number): RegistrationEvent =>
  ({ kind: 'MDR_APPOINTMENT_TERMINATED', messageId: id(), mpan: MPAN, sequence, appointmentId, to });
const supplier = (registrationId: string, supplierMpid: string, from: string, sequence: number, mdrAppointmentRetained = false): RegistrationEvent =>
  ({ kind: 'SUPPLIER_REGISTERED', messageId: id(), mpan: MPAN, sequence, registrationId, supplierMpid, from, mdrAppointmentRetained });

describe('MPAN timeline', () => {
  it('answers who the MDR is on any day of a simple appointment (EFD inclusive, ETD exclusive)', () => {
    const timeline = buildMpanTimeline(MPAN, [appointed('a1', 'MDRA', '2026-04-01', '2026-10-01', 1)]);
    expect(resolveMpanOnDay(timeline, '2026-03-31').mdr).toBeUndefined();
    expect(resolveMpanOnDay(timeline, '2026-04-01').mdr).toEqual({ mdrMpid: 'MDRA', appointmentId: 'a1' });
    expect(resolveMpanOnDay(timeline, '2026-09-30').mdr?.mdrMpid).toBe('MDRA');
    expect(resolveMpanOnDay(timeline, '2026-10-01').mdr).toBeUndefined();
  });

  it('applies an amendment that arrives before the appointment it amends', () => {
    const amendment = amended('a1', 'MDRB', '2026-05-01', undefined, 2);
    const original = appointed('a1', 'MDRA', '2026-04-01', '2026-10-01', 1);
    expect(buildMpanTimeline(MPAN, [amendment, original]).mdrAppointments).toEqual([
      { appointmentId: 'a1', mdrMpid: 'MDRB', from: '2026-05-01' },
    ]);
  });

  it('closes an open-ended appointment with a termination, which never extends it', () => {
    const events = [appointed('a1', 'MDRA', '2026-04-01', '2026-09-01', 1), terminated('a1', '2026-12-01', 2)];
    expect(buildMpanTimeline(MPAN, events).mdrAppointments[0].to).toBe('2026-09-01');
    const open = [appointed('a2', 'MDRA', '2026-04-01', undefined, 1), terminated('a2', '2026-06-15', 2)];
    expect(buildMpanTimeline(MPAN, open).mdrAppointments[0].to).toBe('2026-06-15');
  });

  it('lets a later appointment supersede an overlapping earlier one from its start date', () => {
    const events = [appointed('a1', 'MDRA', '2026-04-01', undefined, 1), appointed('a2', 'MDRB', '2026-06-01', '2026-07-01', 2)];
    expect(buildMpanTimeline(MPAN, events).mdrAppointments).toEqual([
      { appointmentId: 'a1', mdrMpid: 'MDRA', from: '2026-04-01', to: '2026-06-01' },
      { appointmentId: 'a2', mdrMpid: 'MDRB', from: '2026-06-01', to: '2026-07-01' },
    ]);
  });

  it('ends the old MDR appointment on a Change of Supplier, and keeps the gaining supplier’s', () => {
    const events = [
      supplier('r1', 'SUPA', '2026-01-01', 1),
      appointed('a1', 'MDRA', '2026-02-01', undefined, 2),
      supplier('r2', 'SUPB', '2026-08-01', 3),
      appointed('a2', 'MDRB', '2026-08-01', undefined, 4),
    ];
    const timeline = buildMpanTimeline(MPAN, events);
    expect(timeline.suppliers.map((s) => [s.supplierMpid, s.from, s.to])).toEqual([
      ['SUPA', '2026-01-01', '2026-08-01'],
      ['SUPB', '2026-08-01', undefined],
    ]);
    expect(timeline.mdrAppointments.map((a) => [a.mdrMpid, a.from, a.to])).toEqual([
      ['MDRA', '2026-02-01', '2026-08-01'],
      ['MDRB', '2026-08-01', undefined],
    ]);
  });

  it('keeps the MDR appointment when the gaining supplier retains it, or the same supplier re-registers', () => {
    const retained = [supplier('r1', 'SUPA', '2026-01-01', 1), appointed('a1', 'MDRA', '2026-02-01', undefined, 2), supplier('r2', 'SUPB', '2026-08-01', 3, true)];
    expect(buildMpanTimeline(MPAN, retained).mdrAppointments[0].to).toBeUndefined();
    const same = [supplier('r1', 'SUPA', '2026-01-01', 1), appointed('a1', 'MDRA', '2026-02-01', undefined, 2), supplier('r2', 'SUPA', '2026-08-01', 3)];
    expect(buildMpanTimeline(MPAN, same).mdrAppointments[0].to).toBeUndefined();
  });

  it('says HH data may be read only under a consent that permits it, and not without a record', () => {
    const events: RegistrationEvent[] = [
      { kind: 'HH_CONSENT_CHANGED', messageId: id(), mpan: MPAN, sequence: 1, status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' },
      { kind: 'HH_CONSENT_CHANGED', messageId: id(), mpan: MPAN, sequence: 2, status: 'DOMESTIC_OPTED_OUT', from: '2026-03-01' },
      { kind: 'HH_CONSENT_CHANGED', messageId: id(), mpan: MPAN, sequence: 3, status: 'MICROBUSINESS', from: '2026-06-01' },
    ];
    const timeline = buildMpanTimeline(MPAN, events);
    expect(resolveMpanOnDay(timeline, '2025-12-31').hhPermitted).toBe(false);
    expect(resolveMpanOnDay(timeline, '2026-02-01').hhPermitted).toBe(true);
    expect(resolveMpanOnDay(timeline, '2026-03-01')).toMatchObject({ hhConsent: 'DOMESTIC_OPTED_OUT', hhPermitted: false });
    expect(resolveMpanOnDay(timeline, '2026-06-01').hhPermitted).toBe(true);
  });

  it('follows a meter exchange and a decommissioning', () => {
    const esme = (deviceId: string, from: string, sequence: number): RegistrationEvent => ({
      kind: 'DEVICE_COMMISSIONED', messageId: id(), mpan: MPAN, sequence, deviceId, generation: 2,
      provider: { kind: 'CSP', region: 'SOUTH' }, direction: 'IMPORT', from,
    });
    const events: RegistrationEvent[] = [
      esme('00-00-00-00-00-00-00-01', '2026-01-01', 1),
      esme('00-00-00-00-00-00-00-02', '2026-05-01', 2),
      { kind: 'DEVICE_DECOMMISSIONED', messageId: id(), mpan: MPAN, sequence: 3, deviceId: '00-00-00-00-00-00-00-01', from: '2026-05-02' },
      { kind: 'DEVICE_DECOMMISSIONED', messageId: id(), mpan: MPAN, sequence: 4, deviceId: '00-00-00-00-00-00-00-02', from: '2026-09-01' },
    ];
    const timeline = buildMpanTimeline(MPAN, events);
    expect(timeline.devices.map((d) => [d.deviceId.slice(-2), d.from, d.to])).toEqual([
      ['01', '2026-01-01', '2026-05-01'],
      ['02', '2026-05-01', '2026-09-01'],
    ]);
    expect(resolveMpanOnDay(timeline, '2026-09-01').device).toBeUndefined();
  });
});

describe('MPAN timeline, for any set of events', () => {
  it('is the same whatever order they arrive in and however often each is repeated', () => {
    fc.assert(
      fc.property(
        registrationEventSet(MPAN).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray([...events, ...events, ...events], { minLength: 0 }).chain((extra) => fc.shuffledSubarray([...events, ...extra], { minLength: events.length + extra.length })))),
        ([events, delivered]) => {
          expect(buildMpanTimeline(MPAN, delivered)).toEqual(buildMpanTimeline(MPAN, events));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never has two MDRs, two suppliers, two consents or two devices on one day', () => {
    fc.assert(
      fc.property(registrationEventSet(MPAN), (events) => {
        const timeline = buildMpanTimeline(MPAN, events);
        for (const periods of [timeline.mdrAppointments, timeline.suppliers, timeline.consent, timeline.devices]) {
          const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : 1));
          for (let i = 1; i < sorted.length; i++) {
            expect(sorted[i - 1].to).toBeDefined();
            expect(sorted[i - 1].to! <= sorted[i].from).toBe(true);
          }
          for (const period of periods) if (period.to !== undefined) expect(period.from < period.to).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
