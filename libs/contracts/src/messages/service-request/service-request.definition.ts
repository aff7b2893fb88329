import { defineMessage } from '../../topics/topic-definition';
import { ServiceRequest, ServiceRequestV2 } from './service-request.message';

export const serviceRequest = defineMessage<ServiceRequest>({
  type: 'dcc.service-request',
  schemaVersion: 1,
  messageClass: ServiceRequest,
  summary: 'A signed service request from a DCC user (JSON form of DUIS), keyed by the originating user ID.',
  keyOf: (m) => m.requestId.split(':')[0],
  example: {
    requestId: '90-B3-D5-1F-30-01-00-01:00-DB-12-34-56-78-90-A0:1001',
    role: 'MDR',
    serviceReference: '4.8',
    serviceReferenceVariant: '4.8.1',
    commandVariant: 1,
    mpan: '1200001234566',
    createdAt: '2026-04-02T08:00:00Z',
    body: { readLogPeriod: { start: '2026-03-31T23:00:00Z', end: '2026-04-01T23:00:00Z' } },
    signature: 'MEUCIQDZ3n0wWj7x0m0VvTq3m2gq8s2Jd9bB7m8G7n3kq3yVZQIgR2sXo1c5m4e7sP6Vx1u3Ykq0n2Vw6iG1oGm5xA8nY0s=',
  },
});

export const serviceRequestV2 = defineMessage<ServiceRequestV2>({
  type: 'dcc.service-request',
  schemaVersion: 2,
  messageClass: ServiceRequestV2,
  summary: 'Version 2 of the signed service request: version 1 and `purpose` (MHHS or BAU), which decides the lane a schedule\'s reads take. Version 1 means MHHS.',
  keyOf: (m) => m.requestId.split(':')[0],
  example: {
    requestId: '90-B3-D5-1F-30-02-00-01:00-DB-12-34-56-78-90-A0:2001',
    role: 'IS',
    serviceReference: '5.1',
    serviceReferenceVariant: '5.1',
    commandVariant: 8,
    mpan: '1200001234566',
    createdAt: '2026-04-02T08:00:00Z',
    body: { schedule: { srv: '4.8.1', frequency: 'DAILY', startDate: '2026-04-02' } },
    purpose: 'BAU',
    signature: '2kcP54Nb4UFZF3C66+Jm867rNJfwgGN9ZSevj8E9CrEwMUFvDm8FwhKCdxiNPd+z2rCl6nrzjzVf1mjNOuGec/9zaTW6Tpw=',
  },
});
