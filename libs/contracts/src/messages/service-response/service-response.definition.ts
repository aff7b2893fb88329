import { defineMessage } from '../../topics/topic-definition';
import { ServiceResponse } from './service-response.message';

export const serviceResponse = defineMessage<ServiceResponse>({
  type: 'dcc.service-response',
  schemaVersion: 1,
  messageClass: ServiceResponse,
  summary: 'The response to a user’s service request: a refusal with its E code now, or later its data (I0).',
  keyOf: (m) => m.userId,
  example: {
    requestId: '90-B3-D5-1F-30-01-00-01:00-DB-12-34-56-78-90-A0:1002',
    userId: '90-B3-D5-1F-30-01-00-01',
    responseCode: 'E31',
    outcome: 'REFUSED',
    reason: 'NOT_APPOINTED_MDR',
    message: 'MDRA is not the appointed MDR of 1200001234566 on every day from 2026-04-01 to 2026-04-03 (exclusive)',
    respondedAt: '2026-04-02T08:00:00.120Z',
  },
});
