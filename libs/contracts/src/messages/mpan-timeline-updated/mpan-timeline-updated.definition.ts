import { defineMessage } from '../../topics/topic-definition';
import { MpanTimelineUpdated } from './mpan-timeline-updated.message';

export const mpanTimelineUpdated = defineMessage<MpanTimelineUpdated>({
  type: 'registration.mpan-timeline-updated',
  schemaVersion: 1,
  messageClass: MpanTimelineUpdated,
  summary: 'The whole resolved timeline of one MPAN: MDR appointments, suppliers, HH consent and devices, as dated periods.',
  keyOf: (m) => m.mpan,
  example: {
    mpan: '1200001234566',
    version: 3,
    mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: 'APT-000001', from: '2026-04-01' }],
    suppliers: [{ supplierMpid: 'SUPA', registrationId: 'REG-000001', from: '2026-01-01' }],
    consent: [{ status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }],
    devices: [
      { deviceId: '00-DB-12-34-56-78-90-A0', generation: 2, provider: { kind: 'CSP', region: 'SOUTH' }, direction: 'IMPORT', from: '2025-06-01' },
    ],
    updatedAt: '2026-04-01T09:30:00.000Z',
  },
});
