import { defineMessage } from '../../topics/topic-definition';
import { RequestAuthorised } from './request-authorised.message';

export const requestAuthorised = defineMessage<RequestAuthorised>({
  type: 'access.request-authorised',
  schemaVersion: 1,
  messageClass: RequestAuthorised,
  summary: 'A service request that passed every access rule, with the TRT that applies and its purpose (MHHS or BAU: the lane a schedule\'s reads take); keyed by MPAN for the scheduler.',
  keyOf: (m) => m.mpan,
  example: {
    requestId: '90-B3-D5-1F-30-01-00-01:00-DB-12-34-56-78-90-A0:1001',
    requestMessageId: '3f1c2a9e-5d7b-4c1a-9e0f-2b6d8a4c7e11',
    userId: '90-B3-D5-1F-30-01-00-01',
    mpid: 'MDRA',
    role: 'MDR',
    srv: '4.8.1',
    dataSrv: '4.8.1',
    mode: 'ON_DEMAND',
    mpan: '1200001234566',
    deviceId: '00-DB-12-34-56-78-90-A0',
    days: { from: '2026-04-01', to: '2026-04-02' },
    readLogPeriod: { start: '2026-03-31T23:00:00Z', end: '2026-04-01T23:00:00Z' },
    trt: { seconds: 30, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
    decidedAt: '2026-04-02T08:00:00.120Z',
    dueBy: '2026-04-02T08:00:30.120Z',
    matrixVersion: 'pre-mhhs+mdr:4.1.1,4.2,4.6.1,4.6.2,4.8.1,4.8.3,5.1,5.2,5.3',
    registryVersion: 4,
  },
});
