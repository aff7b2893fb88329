import { MpanTimelineUpdated, RequestAuthorised, ServiceRequest, ServiceRequestV2, ServiceResponse, Topics } from '@halfhour/contracts';
import { DEFAULT_RELATIONSHIP_POLICY, REFUSAL_RESPONSE_CODES, signRequest } from '@halfhour/domain';
import { eventually } from '@halfhour/testing';
import { generateKeyPairSync } from 'node:crypto';
import { AccessTestBed, freshMpan, TestUser } from '../test/access-test-bed';

const D1 = '00-00-00-00-00-00-D0-01';
const D2 = '00-00-00-00-00-00-D0-02';
const D4 = '00-00-00-00-00-00-D0-04';
const smets2 = (deviceId: string, direction: 'IMPORT' | 'EXPORT' = 'IMPORT') => ({
  deviceId, generation: 2 as const, provider: { kind: 'CSP' as const, region: 'SOUTH' as const }, direction, from: '2025-01-01',
});
const supplierSupa = [{ supplierMpid: 'SUPA', registrationId: 'R1', from: '2026-01-01' }];
const optedIn = [{ status: 'DOMESTIC_OPTED_IN' as const, from: '2026-01-01' }];
const instant = (day: string) => new Date(`${day}T00:00:00Z`).toISOString();
const readLog = (from: string, to: string) => ({ readLogPeriod: { start: instant(from), end: instant(to) } });

describe('access-control on the real broker and database', () => {
  let bed: AccessTestBed;
  const mdr = new TestUser('00-00-00-00-00-00-AA-01', 'MDRA', 'MDR');
  const supplier = new TestUser('00-00-00-00-00-00-AA-02', 'SUPB', 'IS');
  const stranger = new TestUser('00-00-00-00-00-00-AA-09', 'NOPE', 'MDR');
  const registeredSupplier = new TestUser('00-00-00-00-00-00-AA-03', 'SUPA', 'IS');
  // freshMpan's MPANs are distributor 12, London's network (LOND in the default DISTRIBUTOR_AREAS).
  const distributor = new TestUser('00-00-00-00-00-00-AA-04', 'LOND', 'ED');
  const otherDistributor = new TestUser('00-00-00-00-00-00-AA-05', 'SWEB', 'ED');
  const gasSupplier = new TestUser('00-00-00-00-00-00-AA-06', 'GASS', 'GS');
  const otherUser = new TestUser('00-00-00-00-00-00-AA-07', 'OTHR', 'OU');
  const [m1, m2, m3, m4, unknownMpan] = [freshMpan(), freshMpan(), freshMpan(), freshMpan(), freshMpan()];
  const timeline = (mpan: string, fields: Partial<MpanTimelineUpdated>): MpanTimelineUpdated => ({
    mpan, version: 1, mdrAppointments: [], suppliers: supplierSupa, consent: optedIn, devices: [], updatedAt: '2026-11-01T00:00:00Z', ...fields,
  });

  beforeAll(async () => {
    bed = await new AccessTestBed().setUp();
    await bed.publishUsers([mdr.record, supplier.record, registeredSupplier.record, distributor.record, otherDistributor.record, gasSupplier.record, otherUser.record]);
    await bed.publishTimelines([
      // M1: MDRA appointed 1–25 November (ETD exclusive), HH consent, one SMETS2 import meter.
      timeline(m1, { mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: 'A1', from: '2026-11-01', to: '2026-11-25' }], devices: [smets2(D1)] }),
      // M2: MDRA appointed open-ended, consumer opted out of HH data.
      timeline(m2, { mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: 'A2', from: '2026-11-01' }], consent: [{ status: 'DOMESTIC_OPTED_OUT', from: '2026-01-01' }], devices: [smets2(D2)] }),
      // M3: appointed, but no meter.
      timeline(m3, { mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: 'A3', from: '2026-11-01' }] }),
      // M4: an export MPAN.
      timeline(m4, { mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: 'A4', from: '2026-11-01' }], devices: [smets2(D4, 'EXPORT')] }),
    ]);
    bed.service = await bed.newServiceProcess().start();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  const authorisedFor = async (requestIds: string[]) => {
    const messages = await bed.readAll(bed.topicName(Topics.authorisedRequests));
    const bodies = messages.map((m) => JSON.parse(m.value!.toString()) as RequestAuthorised);
    return requestIds.map((id) => bodies.find((b) => b.requestId === id));
  };
  const responsesFor = async (requestIds: string[]) => {
    const messages = await bed.readAll(bed.topicName(Topics.userResponses));
    const bodies = messages.map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
    return requestIds.map((id) => bodies.filter((b) => b.requestId === id));
  };

  it('decides a batch mixing good and bad requests: each refusal with its E code, the good ones to the scheduler', async () => {
    const forger = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const good = mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-12') });
    const cases: [string, ServiceRequest][] = [
      ['SIGNATURE_INVALID', mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11') }, (body) => signRequest(body, forger.privateKey))],
      ['SIGNATURE_INVALID', mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11') }, () => undefined)],
      ['UNKNOWN_USER', stranger.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11') })],
      ['ROLE_NOT_HELD', mdr.request({ target: D1, mpan: m1, role: 'ES', body: readLog('2026-11-10', '2026-11-11') })],
      ['REQUEST_EXPIRED', mdr.request({ target: D1, mpan: m1, createdAt: new Date(Date.now() - 2 * 3600_000).toISOString(), body: readLog('2026-11-10', '2026-11-11') })],
      ['UNKNOWN_SRV', mdr.request({ target: D1, mpan: m1, serviceReferenceVariant: '4.8.9', body: readLog('2026-11-10', '2026-11-11') })],
      ['ROLE_NOT_ELIGIBLE', mdr.request({ target: D1, mpan: m1, serviceReferenceVariant: '4.8.2', body: readLog('2026-11-10', '2026-11-11') })],
      ['COMMAND_VARIANT_NOT_ALLOWED', mdr.request({ target: D1, mpan: m1, commandVariant: 8, body: readLog('2026-11-10', '2026-11-11') })],
      ['INVALID_REQUEST_BODY', mdr.request({ target: D1, mpan: m1, body: {} })],
      ['INVALID_PERIOD', mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-11', '2026-11-10') })],
      // An open-ended appointment's MDR asking for data to 9999 or for fourteen months: each would be hundreds to millions of daily items.
      ['PERIOD_IN_FUTURE', mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '9999-12-31') })],
      ['PERIOD_TOO_LONG', mdr.request({ target: D1, mpan: m1, body: readLog('2025-09-10', '2026-11-11') })],
      // Only a user related to an MPAN learns whether it exists: to the MDR an unknown MPAN is one it is not appointed to.
      ['UNKNOWN_MPAN', distributor.request({ target: D1, mpan: unknownMpan, body: readLog('2026-11-10', '2026-11-11') })],
      ['NOT_APPOINTED_MDR', mdr.request({ target: D1, mpan: unknownMpan, body: readLog('2026-11-10', '2026-11-11') })],
      ['NOT_AREA_DISTRIBUTOR', otherDistributor.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11') })],
      ['NO_RELATIONSHIP_FOR_ROLE', gasSupplier.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11') })],
      ['NO_RELATIONSHIP_FOR_ROLE', otherUser.request({ target: D1, mpan: m1, body: { ...readLog('2026-11-10', '2026-11-11'), consentReference: 'C-1' } })],
      // The appointment ends on 25 November: a period running past it is refused whole.
      ['NOT_APPOINTED_MDR', mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-20', '2026-11-27') })],
      ['NOT_REGISTERED_SUPPLIER', supplier.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11') })],
      ['NO_DEVICE', mdr.request({ target: D1, mpan: m3, body: readLog('2026-11-10', '2026-11-11') })],
      ['TARGET_NOT_MPAN_DEVICE', mdr.request({ target: D2, mpan: m1, body: readLog('2026-11-10', '2026-11-11') })],
      ['WRONG_ENERGY_DIRECTION', mdr.request({ target: D4, mpan: m4, body: readLog('2026-11-10', '2026-11-11') })],
      ['NOT_AVAILABLE_ON_SMETS2', mdr.request({ target: D2, mpan: m2, serviceReference: '4.1', serviceReferenceVariant: '4.1.1', body: {} })],
      ['HH_CONSENT_REFUSED', mdr.request({ target: D2, mpan: m2, body: readLog('2026-11-10', '2026-11-11') })],
    ];
    // Signed after the cases, so its counter is above theirs.
    const goodSchedule = mdr.request({
      target: D1, mpan: m1, serviceReference: '5.1', serviceReferenceVariant: '5.1', commandVariant: 8,
      body: { schedule: { srv: '4.8.1', frequency: 'DAILY', startDate: '2026-11-20' } },
    });
    const areaRead = distributor.request({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11') });
    // A replay: the good request sent again, byte for byte, as a new message.
    const replay = good;
    const ids = await bed.publishRequests([good, ...cases.map(([, request]) => request), goodSchedule, areaRead, replay]);

    const requestIds = cases.map(([, request]) => request.requestId);
    const responses = await eventually(async () => {
      const found = await responsesFor([...requestIds, replay.requestId]);
      expect(found.every((list) => list.length > 0)).toBe(true);
      return found;
    }, 60_000, 200);
    cases.forEach(([reason, request], i) => {
      expect({ requestId: request.requestId, reason: responses[i][0].reason, code: responses[i][0].responseCode })
        .toEqual({ requestId: request.requestId, reason, code: REFUSAL_RESPONSE_CODES[reason as keyof typeof REFUSAL_RESPONSE_CODES].code });
      expect(responses[i]).toHaveLength(1);
      expect(responses[i][0].userId).toBe(request.requestId.split(':')[0]);
      // Refusals name what the user sent, never another device's EUI-64.
      if (request.requestId.split(':')[1] !== D1) expect(responses[i][0].message).not.toContain(D1);
    });
    expect(responses[cases.length]).toEqual([expect.objectContaining({ reason: 'REPLAYED_COUNTER', responseCode: 'E15' })]);

    const [authorised, scheduled] = await eventually(async () => {
      const found = await authorisedFor([good.requestId, goodSchedule.requestId, areaRead.requestId]);
      expect(found.every(Boolean)).toBe(true);
      return found as RequestAuthorised[];
    }, 30_000, 200);
    expect((await authorisedFor([areaRead.requestId]))[0]).toMatchObject({ role: 'ED', mpid: 'LOND', mpan: m1, dataSrv: '4.8.1' });
    expect(authorised).toMatchObject({
      requestMessageId: ids[0], userId: mdr.userId, mpid: 'MDRA', role: 'MDR', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan: m1, deviceId: D1,
      days: { from: '2026-11-10', to: '2026-11-12' }, trt: { seconds: 30, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' }, registryVersion: 1,
    });
    expect(Date.parse(authorised.dueBy!) - Date.parse(authorised.decidedAt)).toBe(30_000);
    expect(scheduled).toMatchObject({ srv: '5.1', dataSrv: '4.8.1', mode: 'SCHEDULED', trt: { seconds: 86_400, basis: 'MHHS' } });
    expect(await authorisedFor(requestIds)).toEqual(requestIds.map(() => undefined));

    // Every decision is audited, with the registry version it saw.
    const audit = await eventually(async () => {
      const { body } = await bed.service.get<{ decisions: { requestId: string; authorised: boolean; reason: string | null; registryVersion: number }[] }>(`/audit?userId=${mdr.userId}&limit=1000`);
      // The MDR's own cases, plus the good request, the schedule and the replay.
      expect(body.decisions).toHaveLength(cases.filter(([, request]) => request.requestId.startsWith(mdr.userId)).length + 3);
      return body.decisions;
    }, 10_000, 200);
    expect(audit.filter((d) => d.requestId === good.requestId).map((d) => d.reason)).toEqual(expect.arrayContaining([null, 'REPLAYED_COUNTER']));
    const areaAudit = (await bed.service.get<{ decisions: { relationshipPolicy: string }[] }>(`/audit?userId=${distributor.userId}`)).body.decisions;
    expect(areaAudit.map((d) => d.relationshipPolicy)).toEqual(areaAudit.map(() => DEFAULT_RELATIONSHIP_POLICY.version));
    const byMpan = (await bed.service.get<{ decisions: { mpan: string }[] }>(`/audit?mpan=${m2}`)).body.decisions;
    expect(byMpan.map((d) => d.mpan)).toEqual([m2, m2]);
    expect(await bed.service.metric('halfhour_access_decisions_total', { outcome: 'authorised', srv: '4.8.1', role: 'MDR' })).toBe(1);
    expect(await bed.service.metric('halfhour_access_refusals_total', { reason: 'HH_CONSENT_REFUSED' })).toBe(1);
    expect(await bed.service.metric('halfhour_access_decision_latency_seconds_count')).toBe(cases.length + 4);
  });

  it('decides version 2 requests by their signed purpose: a supplier’s BAU schedule goes to the scheduler as BAU, the MDR may not have one', async () => {
    const bauSchedule = { target: D1, mpan: m1, serviceReference: '5.1', serviceReferenceVariant: '5.1', commandVariant: 8, body: { schedule: { srv: '4.8.1', frequency: 'DAILY' as const, startDate: '2026-11-20' } } };
    const supplierBau = registeredSupplier.request<ServiceRequestV2>({ ...bauSchedule, purpose: 'BAU' });
    const mdrBau = mdr.request<ServiceRequestV2>({ ...bauSchedule, purpose: 'BAU' });
    const mdrMhhs = mdr.request<ServiceRequestV2>({ target: D1, mpan: m1, body: readLog('2026-11-10', '2026-11-11'), purpose: 'MHHS' });
    // Signed as MHHS, sent as BAU: the purpose is part of what is signed.
    const altered = { ...registeredSupplier.request<ServiceRequestV2>({ ...bauSchedule, purpose: 'MHHS' }), purpose: 'BAU' as const };
    await bed.publishRequestsV2([supplierBau, mdrBau, mdrMhhs, altered]);

    const [bau, mhhs] = await eventually(async () => {
      const found = await authorisedFor([supplierBau.requestId, mdrMhhs.requestId]);
      expect(found.every(Boolean)).toBe(true);
      return found as RequestAuthorised[];
    }, 30_000, 200);
    expect(bau).toMatchObject({ mpid: 'SUPA', role: 'IS', mode: 'SCHEDULED', dataSrv: '4.8.1', purpose: 'BAU' });
    expect(mhhs).toMatchObject({ role: 'MDR', mode: 'ON_DEMAND', purpose: 'MHHS' });
    const [mdrRefused, alteredRefused] = await eventually(async () => {
      const found = await responsesFor([mdrBau.requestId, altered.requestId]);
      expect(found.every((list) => list.length === 1)).toBe(true);
      return found.map((list) => list[0]);
    }, 30_000, 200);
    expect(mdrRefused).toMatchObject({ reason: 'PURPOSE_NOT_FOR_ROLE', responseCode: 'E26' });
    expect(alteredRefused).toMatchObject({ reason: 'SIGNATURE_INVALID', responseCode: 'E13' });
    expect(await authorisedFor([mdrBau.requestId, altered.requestId])).toEqual([undefined, undefined]);
  });

  it('dead-letters a new request sent under an earlier request’s message ID, instead of taking it for a redelivery', async () => {
    const first = mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-03', '2026-11-04') });
    const [messageId] = await bed.publish(Topics.serviceRequests, Topics.serviceRequests.messages[0], [first]);
    await eventually(async () => expect((await authorisedFor([first.requestId]))[0]).toBeDefined(), 30_000, 200);
    const second = mdr.request({ target: D1, mpan: m1, body: readLog('2026-11-04', '2026-11-05') });
    await bed.publish(Topics.serviceRequests, Topics.serviceRequests.messages[0], [second], [messageId]);
    const letters = await bed.read(`${bed.topicName(Topics.serviceRequests)}.dlq`, 1);
    expect(letters.map((l) => l.headers?.['hh-dlq-reason-code']?.toString())).toEqual(['MESSAGE_ID_REUSED']);
    expect(JSON.parse(letters[0].value!.toString()).requestId).toBe(second.requestId);
  });

  it('dead-letters a request that breaks its contract and goes on', async () => {
    await bed.publishRaw(Topics.serviceRequests, 'dcc.service-request', mdr.userId, JSON.stringify({ requestId: 'not-a-request-id' }));
    const dead = (await bed.read(`${bed.topicName(Topics.serviceRequests)}.dlq`, 2)).at(-1)!;
    expect(dead.headers?.['hh-dlq-reason-code']?.toString()).toBe('INVALID_REQUEST_ID');
    await eventually(async () => expect(await bed.service.metric('halfhour_access_registry_view_lag_messages')).toBe(0));
  });
});
