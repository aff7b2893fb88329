import { defineMessage } from '../../topics/topic-definition';
import { DeviceDecommissioned } from './device-decommissioned.message';

export const deviceDecommissioned = defineMessage<DeviceDecommissioned>({
  type: 'dcc.device-decommissioned',
  schemaVersion: 1,
  messageClass: DeviceDecommissioned,
  summary: 'An ESME stops serving an MPAN from a date.',
  keyOf: (m) => m.mpan,
  example: { mpan: '1200001234566', deviceId: '00-DB-12-34-56-78-90-A0', effectiveFrom: '2026-09-01', sequence: 2 },
});
