import { defineMessage } from '../../topics/topic-definition';
import { MdrAppointmentTerminated } from './mdr-appointment-terminated.message';

export const mdrAppointmentTerminated = defineMessage<MdrAppointmentTerminated>({
  type: 'css.mdr-appointment-terminated',
  schemaVersion: 1,
  messageClass: MdrAppointmentTerminated,
  summary: 'An MDR appointment ends on the Effective To Date (exclusive).',
  keyOf: (m) => m.mpan,
  example: { mpan: '1200001234566', appointmentId: 'APT-000001', effectiveTo: '2026-10-01', sequence: 3 },
});
