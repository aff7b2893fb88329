import { RequestAuthorised, ServiceResponse, Topics } from '@halfhour/contracts';
import { eventually } from '@halfhour/testing';
import { AccessTestBed, freshMpan, TestUser } from '../test/access-test-bed';

describe('access-control under the MDR_ONLY TRT policy', () => {
  let bed: AccessTestBed;

  beforeAll(async () => {
    bed = await new AccessTestBed({ TRT_POLICY: 'MDR_ONLY', EXISTING_ON_DEMAND_TRT_SECONDS: '16' }).setUp();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('reserves HH profiles to the MDR (E25) and gives the MDR the existing on-demand TRT', async () => {
    const mdr = new TestUser('00-00-00-00-00-00-CC-01', 'MDRA', 'MDR');
    const supplier = new TestUser('00-00-00-00-00-00-CC-02', 'SUPA', 'IS');
    const mpan = freshMpan();
    const meter = '00-00-00-00-00-00-DC-01';
    await bed.publishUsers([mdr.record, supplier.record]);
    await bed.publishTimelines([{
      mpan, version: 2, updatedAt: '2026-11-01T00:00:00Z',
      mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: 'A1', from: '2026-01-01' }],
      suppliers: [{ supplierMpid: 'SUPA', registrationId: 'R1', from: '2026-01-01' }],
      consent: [{ status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }],
      devices: [{ deviceId: meter, generation: 2, provider: { kind: 'CSP', region: 'NORTH' }, direction: 'IMPORT', from: '2025-01-01' }],
    }]);
    const period = { readLogPeriod: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' } };
    const supplierProfile = supplier.request({ target: meter, mpan, body: period });
    const supplierDailyLog = supplier.request({ target: meter, mpan, serviceReference: '4.6', serviceReferenceVariant: '4.6.1', body: period });
    const mdrProfile = mdr.request({ target: meter, mpan, body: period });
    await bed.publishRequests([supplierProfile, supplierDailyLog, mdrProfile]);
    bed.service = await bed.newServiceProcess().start();

    const responses = await eventually(async () => {
      const bodies = (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
      expect(bodies).toHaveLength(1);
      return bodies;
    }, 30_000, 200);
    expect(responses[0]).toMatchObject({ requestId: supplierProfile.requestId, reason: 'RESERVED_TO_MDR', responseCode: 'E25' });
    const authorised = await eventually(async () => {
      const bodies = (await bed.readAll(bed.topicName(Topics.authorisedRequests))).map((m) => JSON.parse(m.value!.toString()) as RequestAuthorised);
      expect(bodies).toHaveLength(2);
      return new Map(bodies.map((b) => [b.requestId, b]));
    }, 30_000, 200);
    expect(authorised.get(mdrProfile.requestId)).toMatchObject({ trt: { seconds: 16, basis: 'EXISTING_ON_DEMAND', policy: 'MDR_ONLY' }, registryVersion: 2 });
    expect(authorised.get(supplierDailyLog.requestId)).toMatchObject({ dataSrv: '4.6.1', trt: { policy: 'MDR_ONLY' } });
  });
});
