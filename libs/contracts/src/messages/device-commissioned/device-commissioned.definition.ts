import { defineMessage } from '../../topics/topic-definition';
import { DeviceCommissioned } from './device-commissioned.message';

export const deviceCommissioned = defineMessage<DeviceCommissioned>({
  type: 'dcc.device-commissioned',
  schemaVersion: 1,
  messageClass: DeviceCommissioned,
  summary: 'An ESME serves an MPAN from a date: its generation, the CSP region (SMETS2) or S1SP (SMETS1), and energy direction.',
  keyOf: (m) => m.mpan,
  example: {
    mpan: '1200001234566', deviceId: '00-DB-12-34-56-78-90-A0', smetsGeneration: 2, cspRegion: 'SOUTH',
    direction: 'IMPORT', effectiveFrom: '2025-06-01', sequence: 1,
  },
});
