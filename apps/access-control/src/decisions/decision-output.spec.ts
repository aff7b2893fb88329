import { RequestAuthorised, ServiceRequest, ServiceResponse, Topics, validateMessage } from '@halfhour/contracts';
import { ALL_REFUSALS, buildEligibilityMatrix, DEFAULT_READ_LOG_LIMITS, DEFAULT_RELATIONSHIP_POLICY, DEFAULT_TRT_SETTINGS, ServiceRequestDecision } from '@halfhour/domain';
import { decisionRecord } from './decision-output';

const policy = { matrix: buildEligibilityMatrix(), relationships: DEFAULT_RELATIONSHIP_POLICY, trt: DEFAULT_TRT_SETTINGS, freshness: { maxAgeMs: 1, maxClockSkewMs: 1 }, readLog: DEFAULT_READ_LOG_LIMITS };
const onDemand = Topics.serviceRequests.messages[0].example as ServiceRequest;
const createSchedule: ServiceRequest = {
  ...onDemand, serviceReference: '5.1', serviceReferenceVariant: '5.1', commandVariant: 8,
  body: { schedule: { srv: '4.8.1', frequency: 'DAILY', startDate: '2026-04-02' } },
};
const deleteSchedule: ServiceRequest = { ...onDemand, serviceReference: '5.3', serviceReferenceVariant: '5.3', commandVariant: 8, body: { dspScheduleId: 'S-1' } };
const inputs = (request: ServiceRequest) => ({
  messageId: 'a3c1f0d2-0000-4000-8000-000000000001', request, userMpid: 'MDRA', registry: { version: 3, updatedAt: new Date() }, decidedAt: new Date('2026-04-02T08:00:00Z'),
});

// The service publishes these without re-validating them (they are built from validated input), so
// every shape the builder can produce must satisfy its contract here.
describe('decisionRecord', () => {
  it('builds authorised requests that satisfy the RequestAuthorised contract, with the TRT as deadline', () => {
    const decisions: [ServiceRequest, ServiceRequestDecision][] = [
      [onDemand, { authorised: true, keyId: 'k', dataSrv: '4.8.1', mode: 'ON_DEMAND', days: { from: '2026-04-01', to: '2026-04-02' }, trt: { seconds: 30, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' }, purpose: 'MHHS' }],
      [createSchedule, { authorised: true, keyId: 'k', dataSrv: '4.8.1', mode: 'SCHEDULED', days: { from: '2026-04-02', to: '2026-04-03' }, trt: { seconds: 86_400, basis: 'MHHS', policy: 'EQUAL_EXISTING' }, purpose: 'MHHS' }],
      [deleteSchedule, { authorised: true, keyId: 'k', dataSrv: '5.3', mode: 'SCHEDULE_MANAGEMENT', purpose: 'MHHS' }],
    ];
    for (const [request, decision] of decisions) {
      const record = decisionRecord(policy, decision, inputs(request));
      expect(record.output.kind).toBe('authorised');
      expect(validateMessage(RequestAuthorised, record.output.body)).toMatchObject({ ok: true });
      expect(record.output.deadline).toBe((record.output.body as RequestAuthorised).dueBy);
    }
  });

  it('builds a ServiceResponse with the E code of every refusal, within the contract', () => {
    for (const reason of ALL_REFUSALS) {
      const record = decisionRecord(policy, { authorised: false, reason, authenticated: false, message: 'x'.repeat(900) }, inputs(onDemand));
      expect(validateMessage(ServiceResponse, record.output.body)).toMatchObject({ ok: true });
      expect(record).toMatchObject({ authorised: false, reason, responseCode: expect.stringMatching(/^E\d+$/), registryVersion: 3 });
    }
  });
});
