import { defineMessage } from '../../topics/topic-definition';
import { ReadCommand } from './read-command.message';

export const readCommand = defineMessage<ReadCommand>({
  type: 'device.read-command',
  schemaVersion: 1,
  messageClass: ReadCommand,
  summary: 'Read one data item (an SRV for one settlement day) from one meter, for its requesters, by the deadline. `kind` names the lane of the provider\'s slot it was placed in: SCHEDULED (MHHS schedules), ON_DEMAND and BACKSTOP (the on-demand lane), BAU (schedules whose request\'s purpose is BAU).',
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
    readPeriod: { start: '2026-03-31T23:00:00Z', end: '2026-04-01T23:00:00Z' },
    attempt: 1,
    kind: 'SCHEDULED',
    deadline: '2026-04-03T00:00:00Z',
    requesters: [
      { userId: '90-B3-D5-1F-30-01-00-01', role: 'MDR', mpid: 'MDRA', origin: 'DSP-7f3a2c1b9e04', requestId: '90-B3-D5-1F-30-01-00-01:00-DB-12-34-56-78-90-A0:1001' },
      { userId: '90-B3-D5-1F-30-01-00-02', role: 'IS', mpid: 'SUPA', origin: 'DSP-0c9d8e7f6a5b', requestId: '90-B3-D5-1F-30-01-00-02:00-DB-12-34-56-78-90-A0:77' },
    ],
  },
});
