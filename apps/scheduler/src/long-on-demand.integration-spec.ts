import { RequestAuthorised, Topics } from '@halfhour/contracts';
import { randomUUID } from 'node:crypto';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

/**
 * Periods access-control would refuse (E27, E28) reaching the scheduler anyway, and one as long as
 * it allows: each becomes items a month per transaction, none past today, while other requests go on.
 */
describe('on-demand requests over long periods', () => {
  const bed = SchedulerTestBed.forSuite('2026-12-01T10:00:00Z');
  let counter = 1;
  const onDemand = (mpan: string, deviceId: string, from: string, to: string): RequestAuthorised => ({
    requestId: `${MDR_USER.userId}:${deviceId}:${counter++}`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
    srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan, deviceId, days: { from, to },
    trt: { seconds: 3600, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
    decidedAt: bed.time.now().toISOString(), dueBy: '2026-12-02T10:00:00.000Z', matrixVersion: 'test', registryVersion: 1,
  });
  const itemsOf = async (requestId: string) => (await bed.db.query<{ data_day: string }>(
    "SELECT data_day::text FROM collection_items WHERE requesters @> jsonb_build_array(jsonb_build_object('requestId', $1::text)) ORDER BY data_day", [requestId],
  )).rows.map((r) => r.data_day);

  it('reads thirteen months a month at a time, stops a period to 9999 at today, and answers a short request meanwhile', async () => {
    const meters = ['A', 'B', 'C'].map((n) => ({ mpan: freshMpan(), deviceId: `00-00-00-00-00-00-F7-0${n}` }));
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'S1SP', s1spId: 'S1SP-A' })));
    bed.service = await bed.newServiceProcess().start();

    const thirteenMonths = onDemand(meters[0].mpan, meters[0].deviceId, '2025-11-01', '2026-12-01');
    const toTheEndOfTime = onDemand(meters[1].mpan, meters[1].deviceId, '2026-11-20', '9999-12-31');
    const short = onDemand(meters[2].mpan, meters[2].deviceId, '2026-11-30', '2026-12-01');
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [thirteenMonths, toTheEndOfTime, short]);
    await bed.time.settle();

    expect(await itemsOf(short.requestId)).toEqual(['2026-11-30']);
    // The meter's days from 2025-11-01 to 2026-11-30: 395 items, each day once.
    const long = await itemsOf(thirteenMonths.requestId);
    expect(long).toHaveLength(395);
    expect([long[0], long.at(-1)]).toEqual(['2025-11-01', '2026-11-30']);
    expect(new Set(long).size).toBe(395);
    // Nothing past today: 20 November to 1 December.
    expect(await itemsOf(toTheEndOfTime.requestId)).toHaveLength(12);
    expect((await bed.db.query('SELECT 1 FROM on_demand_expansions')).rowCount).toBe(0);
  });
});
