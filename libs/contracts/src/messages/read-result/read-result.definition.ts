import { defineMessage } from '../../topics/topic-definition';
import { ReadResult } from './read-result.message';

export const readResult = defineMessage<ReadResult>({
  type: 'device.read-result',
  schemaVersion: 1,
  messageClass: ReadResult,
  summary: 'The normalised result of one read command: per UTC half hour a value and quality, or the failure.',
  keyOf: (m) => m.deviceId,
  example: {
    commandId: '2026-04-02|1200001234566|4.8.1|2026-04-01#1',
    itemKey: '1200001234566|4.8.1|2026-04-01',
    planDay: '2026-04-02',
    mpan: '1200001234566',
    deviceId: '00-DB-12-34-56-78-90-A0',
    provider: 'CSP-SOUTH',
    srv: '4.8.1',
    dataDay: '2026-04-01',
    attempt: 1,
    outcome: 'PARTIAL',
    failureCode: 'MISSING_PERIODS',
    failureReason: 'MISSING_PERIODS: 1 of 2 half hours missing',
    source: 'METER',
    periods: [
      { start: '2026-03-31T23:00:00Z', quality: 'ACTUAL', kwh: 0.214 },
      { start: '2026-03-31T23:30:00Z', quality: 'MISSING' },
    ],
    registers: [],
    requesters: [{ userId: '90-B3-D5-1F-30-01-00-01', role: 'MDR', mpid: 'MDRA', origin: 'DSP-7f3a2c1b9e04', requestId: '90-B3-D5-1F-30-01-00-01:00-DB-12-34-56-78-90-A0:1001' }],
    completedAt: '2026-04-02T07:12:09.511Z',
  },
});
