import { RequestAuthorised, Topics } from '@halfhour/contracts';
import { eventually } from '@halfhour/testing';
import { Client } from 'pg';
import { AccessTestBed, freshMpan, TestUser } from '../test/access-test-bed';

const PER_USER = 1000;

describe('access-control killed mid-stream', () => {
  let bed: AccessTestBed;
  let db: Client;

  beforeAll(async () => {
    bed = await new AccessTestBed().setUp();
    db = new Client({ connectionString: bed.database.url });
  });

  afterAll(async () => {
    await db.end();
    await bed.tearDown();
  });

  it('decides every request once, spends no counter twice and republishes the same decision after SIGKILL', async () => {
    const users = ['01', '02', '03'].map((n) => new TestUser(`00-00-00-00-00-00-BB-${n}`, `MDR${String.fromCharCode(64 + Number(n))}`, 'MDR'));
    const meters = users.map((_, i) => ({ mpan: freshMpan(), deviceId: `00-00-00-00-00-00-DD-0${i}` }));
    await bed.publishUsers(users.map((u) => u.record));
    await bed.publishTimelines(meters.map(({ mpan, deviceId }, i) => ({
      mpan, version: 1, updatedAt: '2026-11-01T00:00:00Z',
      mdrAppointments: [{ mdrMpid: users[i].record.mpid, appointmentId: `A${i}`, from: '2026-01-01' }],
      suppliers: [], consent: [{ status: 'MICROBUSINESS', from: '2026-01-01' }],
      devices: [{ deviceId, generation: 1, provider: { kind: 'S1SP', s1spId: 'S1SP-A' }, direction: 'IMPORT', from: '2025-01-01' }],
    })));
    const requests = users.flatMap((user, i) => Array.from({ length: PER_USER }, () => user.request({
      target: meters[i].deviceId, mpan: meters[i].mpan, body: { readLogPeriod: { start: '2026-11-01T00:00:00Z', end: '2026-11-02T00:00:00Z' } },
    })));
    await bed.publishRequests(requests);

    // The first process decides at most six batches of 50 and then hangs, so the kill comes mid-stream for certain.
    const first = await bed.newServiceProcess({ MAX_BATCH_SIZE: '50', FAULT_HOLD_AFTER_BATCHES: '6' }).start();
    await eventually(async () => expect(await first.metric('halfhour_access_decisions_total')).toBeGreaterThan(0), 60_000, 20);
    await first.stop('SIGKILL');

    await db.connect();
    const decided = async () => (await db.query('SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT authorised)::int AS refused FROM access_decisions')).rows[0];
    expect((await decided()).n).toBeGreaterThan(0);
    expect((await decided()).n).toBeLessThanOrEqual(300);

    bed.service = await bed.newServiceProcess({ MAX_BATCH_SIZE: '50' }).start();
    await eventually(async () => expect(await decided()).toEqual({ n: requests.length, refused: 0 }), 120_000, 200);

    // Each request has one decision message; a copy published again after the crash has the same ID.
    const published = await eventually(async () => {
      const messages = await bed.readAll(bed.topicName(Topics.authorisedRequests));
      const idsByRequest = new Map<string, Set<string>>();
      for (const message of messages) {
        const { requestId } = JSON.parse(message.value!.toString()) as RequestAuthorised;
        const ids = idsByRequest.get(requestId) ?? new Set();
        ids.add(message.headers!['hh-message-id']!.toString());
        idsByRequest.set(requestId, ids);
      }
      expect(idsByRequest.size).toBe(requests.length);
      return idsByRequest;
    }, 60_000, 500);
    expect([...published.values()].every((ids) => ids.size === 1)).toBe(true);
    const counters = (await db.query('SELECT user_id, last_counter::text AS counter FROM user_counters ORDER BY user_id')).rows;
    expect(counters).toEqual(users.map((u) => ({ user_id: u.userId, counter: requests.filter((r) => r.requestId.startsWith(u.userId)).at(-1)!.requestId.split(':')[2] })));
  });
});
