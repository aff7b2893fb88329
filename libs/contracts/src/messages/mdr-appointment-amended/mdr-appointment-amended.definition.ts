import { defineMessage } from '../../topics/topic-definition';
import { MdrAppointmentAmended } from './mdr-appointment-amended.message';

export const mdrAppointmentAmended = defineMessage<MdrAppointmentAmended>({
  type: 'css.mdr-appointment-amended',
  schemaVersion: 1,
  messageClass: MdrAppointmentAmended,
  summary: 'An MDR appointment restated in full (MDR, EFD, ETD); the highest sequence for the appointment wins.',
  keyOf: (m) => m.mpan,
  example: { mpan: '1200001234566', appointmentId: 'APT-000001', mdrMpid: 'MDRA', effectiveFrom: '2026-04-01', effectiveTo: '2027-04-01', sequence: 2 },
});
