import { MpanTimelineUpdated, validateMessage } from '@halfhour/contracts';
import { buildMpanTimeline, RegistrationEvent } from '@halfhour/domain';
import { toTimelineMessage } from './timeline-relay';

const MPAN = '1200001234566';

describe('the timeline message the relay publishes without re-validating', () => {
  it('is a valid MpanTimelineUpdated for a timeline with every kind of period, open and closed', () => {
    const events: RegistrationEvent[] = [
      { kind: 'SUPPLIER_REGISTERED', messageId: '1', mpan: MPAN, sequence: 1, registrationId: 'R1', supplierMpid: 'SUPA', from: '2026-01-01', mdrAppointmentRetained: false },
      { kind: 'SUPPLIER_REGISTERED', messageId: '2', mpan: MPAN, sequence: 2, registrationId: 'R2', supplierMpid: 'SUPB', from: '2026-06-01', mdrAppointmentRetained: false },
      { kind: 'MDR_APPOINTED', messageId: '3', mpan: MPAN, sequence: 3, appointmentId: 'A1', mdrMpid: 'MDRA', from: '2026-02-01', to: '2026-04-01' },
      { kind: 'MDR_APPOINTED', messageId: '4', mpan: MPAN, sequence: 4, appointmentId: 'A2', mdrMpid: 'MDRB', from: '2026-06-01' },
      { kind: 'HH_CONSENT_CHANGED', messageId: '5', mpan: MPAN, sequence: 5, status: 'MICROBUSINESS', from: '2026-01-01' },
      {
        kind: 'DEVICE_COMMISSIONED', messageId: '6', mpan: MPAN, sequence: 6, deviceId: '00-DB-12-34-56-78-90-A0', generation: 1,
        provider: { kind: 'S1SP', s1spId: 'S1SP-A' }, direction: 'EXPORT', from: '2025-01-01',
      },
      {
        kind: 'DEVICE_COMMISSIONED', messageId: '7', mpan: MPAN, sequence: 7, deviceId: '00-DB-12-34-56-78-90-A1', generation: 2,
        provider: { kind: 'CSP', region: 'CENTRAL' }, direction: 'EXPORT', from: '2026-03-01',
      },
    ];
    const timeline = buildMpanTimeline(MPAN, events);
    const message = toTimelineMessage({ mpan: MPAN, timeline, version: 4, updatedAt: new Date('2026-11-28T10:00:00Z') });
    // What a consumer receives is JSON: validate that, not the in-memory object.
    const json = JSON.parse(JSON.stringify(message));
    const outcome = validateMessage(MpanTimelineUpdated, json);
    expect(outcome).toEqual({ ok: true, value: json });
    expect(outcome.ok && outcome.value).toBeInstanceOf(MpanTimelineUpdated);
    expect(message.suppliers).toHaveLength(2);
    expect(message.devices).toHaveLength(2);
  });
});
