import { defineMessage } from '../../topics/topic-definition';
import { MdrAppointed } from './mdr-appointed.message';

export const mdrAppointed = defineMessage<MdrAppointed>({
  type: 'css.mdr-appointed',
  schemaVersion: 1,
  messageClass: MdrAppointed,
  summary: 'An MDR is appointed to an MPAN from an Effective From Date, optionally until an Effective To Date (exclusive).',
  keyOf: (m) => m.mpan,
  example: { mpan: '1200001234566', appointmentId: 'APT-000001', mdrMpid: 'MDRA', effectiveFrom: '2026-04-01', sequence: 1 },
});
