import { RequestAuthorised, Topics } from '@halfhour/contracts';
import { randomUUID } from 'node:crypto';
import { eventually } from '@halfhour/testing';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

const ITEMS = 20;
const DUE_BY = '2026-12-02T06:30:00.000Z';
const END_OF_DAY = new Date('2026-12-03T00:00:00Z');

describe('an urgent on-demand read when the MHHS share is full', () => {
  // The clock stands at 21:00 on 1 December until the test moves it; one MHHS read per 5-minute
  // slot for S1SPs, so the plan fills 06:00–07:35 one read a slot.
  const bed = SchedulerTestBed.forSuite('2026-12-01T21:00:00Z', {
    OTHER_PROVIDER_READS_PER_SLOT: '2', RESERVED_SHARE: '0.5', NO_RESPONSE_AFTER_SECONDS: '86400',
  });

  it('reads the data before its deadline in the slot of a later-deadline item, which is read later; no slot above capacity, every item once', async () => {
    const meters = Array.from({ length: ITEMS }, (_, i) => ({ mpan: freshMpan(), deviceId: `00-00-00-00-00-00-F2-${i.toString(16).padStart(2, '0').toUpperCase()}` }));
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'S1SP', s1spId: 'S1SP-A' })));
    await bed.watchCommands();
    bed.service = await bed.newServiceProcess().start();
    for (const m of meters) await bed.createSchedule(MDR_USER, m.mpan, m.deviceId, '4.8.1', '2026-12-01');

    // Every schedule is in before the clock moves; the plan of 2 December is made in the last hour of the 1st.
    const plannedRows = async () => (await bed.db.query<{ mpan: string; device_id: string; slot_start: Date }>("SELECT mpan, device_id, slot_start FROM collection_items WHERE state = 'PLANNED' ORDER BY slot_start")).rows;
    await bed.time.advanceUntil(async () => (await plannedRows()).length > 0, new Date('2026-12-02T00:00:00Z'));
    const planned = await plannedRows();
    expect(planned).toHaveLength(ITEMS);
    expect(planned[0].slot_start.toISOString()).toBe('2026-12-02T06:00:00.000Z');
    const last = planned[ITEMS - 1];
    expect(last.slot_start.getTime()).toBeGreaterThan(Date.parse(DUE_BY));

    // Before 06:00 the supplier asks on demand for the data the last slot would read, due by 06:30.
    const request: RequestAuthorised = {
      requestId: `${MDR_USER.userId}:${last.device_id}:9`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
      srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan: last.mpan, deviceId: last.device_id, days: { from: '2026-12-01', to: '2026-12-02' },
      trt: { seconds: 3600, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
      decidedAt: bed.time.now().toISOString(), dueBy: DUE_BY, matrixVersion: 'test', registryVersion: 1,
    };
    expect(bed.time.now().getTime()).toBeLessThan(Date.parse('2026-12-02T05:00:00Z'));
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [request]);

    await bed.time.advanceUntil(async () => new Set((await bed.commands()).map((c) => c.command.itemKey)).size === ITEMS, END_OF_DAY);
    const commands = await bed.commands();
    const urgent = commands.find((c) => c.command.mpan === last.mpan)!.command;
    expect(urgent.requesters.map((r) => r.requestId)).toContain(request.requestId);
    expect(urgent.kind).toBe('ON_DEMAND');
    const sent = commands.map((c) => c.command.itemKey);
    expect(commands.filter((c) => sent.indexOf(c.command.itemKey) !== sent.lastIndexOf(c.command.itemKey)).map((c) => `${c.command.attempt} ${c.command.kind} ${c.command.commandId}`)).toEqual([]);

    const { rows } = await bed.db.query<{ mpan: string; slot_start: Date; n: number }>('SELECT mpan, slot_start FROM collection_items ORDER BY slot_start');
    expect(rows.find((r) => r.mpan === last.mpan)!.slot_start.getTime()).toBeLessThan(Date.parse(DUE_BY));
    expect(new Set(rows.map((r) => r.slot_start.toISOString())).size).toBe(ITEMS);
  });

  it('reads the data again for someone who joined an item after its command went out, so they hear too', async () => {
    const mpan = freshMpan();
    const deviceId = '00-00-00-00-00-00-F3-01';
    await bed.publishTimelines([timeline(mpan, deviceId, { kind: 'S1SP', s1spId: 'S1SP-A' })]);
    const ask = async (counter: number): Promise<RequestAuthorised> => {
      const request: RequestAuthorised = {
        requestId: `${MDR_USER.userId}:${deviceId}:${counter}`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
        srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan, deviceId, days: { from: '2026-12-01', to: '2026-12-02' },
        trt: { seconds: 86_400, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
        decidedAt: bed.time.now().toISOString(), dueBy: new Date(bed.time.now().getTime() + 86_400_000).toISOString(), matrixVersion: 'test', registryVersion: 1,
      };
      await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [request]);
      return request;
    };
    const commandsFor = async () => (await bed.commands()).filter((c) => c.command.mpan === mpan).map((c) => c.command);
    const first = await ask(100);
    await bed.time.advanceUntil(async () => (await commandsFor()).length > 0, END_OF_DAY);
    const [sent, ...more] = await commandsFor();
    expect(more).toEqual([]);
    const second = await ask(101);
    await bed.time.settle();
    const { rows } = await bed.db.query<{ requesters: { requestId: string }[] }>('SELECT requesters FROM collection_items WHERE mpan = $1', [mpan]);
    expect(rows[0].requesters.map((r) => r.requestId)).toEqual([first.requestId, second.requestId]);

    await bed.answer(sent, 'COMPLETE');
    await bed.time.advanceUntil(async () => (await commandsFor()).length > 1, END_OF_DAY);
    const [, again, ...extra] = await commandsFor();
    expect(extra).toEqual([]);
    expect(again.requesters.map((r) => r.requestId)).toEqual([second.requestId]);
    expect(again.attempt).toBe(2);
  });

  it('waits for its registry view to read the timeline a request was decided on, rather than finding no meter', async () => {
    // access-control decides on its own view; the scheduler's may not have read that timeline yet.
    const mpan = freshMpan();
    const deviceId = '00-00-00-00-00-00-F4-01';
    const request: RequestAuthorised = {
      requestId: `${MDR_USER.userId}:${deviceId}:200`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
      srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan, deviceId, days: { from: '2026-12-01', to: '2026-12-02' },
      trt: { seconds: 86_400, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
      decidedAt: bed.time.now().toISOString(), dueBy: new Date(bed.time.now().getTime() + 86_400_000).toISOString(), matrixVersion: 'test', registryVersion: 2,
    };
    const retriesBefore = await bed.service.metric('halfhour_consumer_batch_retries_total', { topic: bed.topicName(Topics.authorisedRequests) });
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [request]);
    await bed.publishTimelines([timeline(mpan, deviceId, { kind: 'S1SP', s1spId: 'S1SP-A' })]); // version 1: older than the decision's
    // The request has met the view at version 1 (and waits), then version 2 arrives.
    await eventually(async () => expect(await bed.service.metric('halfhour_consumer_batch_retries_total', { topic: bed.topicName(Topics.authorisedRequests) })).toBeGreaterThan(retriesBefore), 60_000, 50);
    await bed.publishTimelines([timeline(mpan, deviceId, { kind: 'S1SP', s1spId: 'S1SP-A' }, undefined, 2)]);
    await bed.time.advanceUntil(async () => (await bed.commands()).some((c) => c.command.mpan === mpan), END_OF_DAY);
    const [command] = (await bed.commands()).filter((c) => c.command.mpan === mpan).map((c) => c.command);
    expect(command.requesters.map((r) => r.requestId)).toEqual([request.requestId]);
  });
});
