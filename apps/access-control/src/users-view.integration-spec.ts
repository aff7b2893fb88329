import { MpanTimelineUpdated, RequestAuthorised, ServiceResponse, Topics } from '@halfhour/contracts';
import { eventually } from '@halfhour/testing';
import { AccessTestBed, freshMpan, TestUser } from '../test/access-test-bed';

const D1 = '00-00-00-00-00-00-D1-01';
const instant = (day: string) => new Date(`${day}T00:00:00Z`).toISOString();
const readLog = (from: string, to: string) => ({ readLogPeriod: { start: instant(from), end: instant(to) } });

/** The users view as DCC's user registry changes under it: revocations and deletions apply from the next request. */
describe('access-control’s view of the DCC users, on the real broker and database', () => {
  let bed: AccessTestBed;
  const mdr = new TestUser('00-00-00-00-00-00-AB-01', 'MDRA', 'MDR');
  const deleted = new TestUser('00-00-00-00-00-00-AB-02', 'MDRA', 'MDR');
  const mpan = freshMpan();
  const timeline: MpanTimelineUpdated = {
    mpan, version: 1, updatedAt: '2026-11-01T00:00:00Z',
    mdrAppointments: [{ mdrMpid: 'MDRA', appointmentId: 'A1', from: '2026-11-01' }],
    suppliers: [{ supplierMpid: 'SUPA', registrationId: 'R1', from: '2026-01-01' }],
    consent: [{ status: 'DOMESTIC_OPTED_IN', from: '2026-01-01' }],
    devices: [{ deviceId: D1, generation: 2, provider: { kind: 'CSP', region: 'SOUTH' }, direction: 'IMPORT', from: '2025-01-01' }],
  };

  beforeAll(async () => {
    bed = await new AccessTestBed().setUp();
    await bed.publishUsers([mdr.record, deleted.record]);
    await bed.publishTimelines([timeline]);
    bed.service = await bed.newServiceProcess().start();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  const applied = () => bed.service.metric('halfhour_access_view_updates_total', { view: 'users', outcome: 'applied' });
  const authorised = async (requestId: string) => {
    const bodies = (await bed.readAll(bed.topicName(Topics.authorisedRequests))).map((m) => JSON.parse(m.value!.toString()) as RequestAuthorised);
    return bodies.some((b) => b.requestId === requestId);
  };
  const responseTo = (requestId: string) => eventually(async () => {
    const bodies = (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
    const found = bodies.filter((b) => b.requestId === requestId);
    expect(found).toHaveLength(1);
    return found[0];
  }, 30_000, 200);

  it('refuses a user’s requests from the moment its key is revoked, mid-stream', async () => {
    const before = mdr.request({ target: D1, mpan, body: readLog('2026-11-02', '2026-11-03') });
    await bed.publishRequests([before]);
    await eventually(async () => expect(await authorised(before.requestId)).toBe(true), 30_000, 200);

    const revokedAt = new Date().toISOString();
    const updatesBefore = await applied();
    // A record its producer dated in the future comes first: the revocation after it in the log still applies.
    await bed.publishUsers([{ ...mdr.record, updatedAt: '2099-01-01T00:00:00Z' }]);
    await eventually(async () => expect(await applied()).toBe(updatesBefore + 1), 30_000, 100);
    await bed.publishUsers([{ ...mdr.record, keys: mdr.record.keys.map((k) => ({ ...k, revokedAt })), updatedAt: revokedAt }]);
    await eventually(async () => expect(await applied()).toBe(updatesBefore + 2), 30_000, 100);

    const after = mdr.request({ target: D1, mpan, body: readLog('2026-11-02', '2026-11-03') });
    await bed.publishRequests([after]);
    expect(await responseTo(after.requestId)).toMatchObject({ reason: 'NO_VALID_KEY', responseCode: 'E12' });
  });

  it('deletes a user on a tombstone, so its keys verify nothing, and dead-letters a tombstone whose key is no user ID', async () => {
    const before = deleted.request({ target: D1, mpan, body: readLog('2026-11-02', '2026-11-03') });
    await bed.publishRequests([before]);
    await eventually(async () => expect(await authorised(before.requestId)).toBe(true), 30_000, 200);

    const updatesBefore = await applied();
    await bed.publishTombstone(Topics.users, deleted.userId);
    await eventually(async () => expect(await applied()).toBe(updatesBefore + 1), 30_000, 100);
    const after = deleted.request({ target: D1, mpan, body: readLog('2026-11-02', '2026-11-03') });
    await bed.publishRequests([after]);
    expect(await responseTo(after.requestId)).toMatchObject({ reason: 'UNKNOWN_USER', responseCode: 'E10' });

    await bed.publishTombstone(Topics.users, 'not-a-user-id');
    const [dead] = await bed.read(`${bed.topicName(Topics.users)}.dlq`, 1);
    expect(dead.key?.toString()).toBe('not-a-user-id');
    expect(dead.value).toBeNull();
    // The view went on: the other user is still known.
    const still = mdr.request({ target: D1, mpan, body: readLog('2026-11-02', '2026-11-03') });
    await bed.publishRequests([still]);
    expect(await responseTo(still.requestId)).toMatchObject({ reason: 'NO_VALID_KEY' });
  });
});
