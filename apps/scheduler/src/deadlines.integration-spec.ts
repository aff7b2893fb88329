import { RequestAuthorised, ServiceResponse, Topics } from '@halfhour/contracts';
import { randomUUID } from 'node:crypto';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

describe('scheduler deadlines', () => {
  // The clock stands at 10:00 on 1 December until the test moves it; reads unanswered for 20 minutes are failed.
  const bed = SchedulerTestBed.forSuite('2026-12-01T10:00:00Z', { NO_RESPONSE_AFTER_SECONDS: String(20 * 60) });

  it('reads an on-demand request at once, backstops it when unanswered, and reports the TRT breach at its deadline', async () => {
    const mpan = freshMpan();
    const deviceId = '00-00-00-00-00-00-F1-01';
    await bed.publishTimelines([timeline(mpan, deviceId, { kind: 'S1SP', s1spId: 'S1SP-B' })]);
    await bed.watchCommands();
    bed.service = await bed.newServiceProcess().start();

    // Decided now, due an hour later: every read goes unanswered, is failed after 20 minutes and
    // backstopped, three reads in the hour, and the item expires at its deadline.
    const decidedAt = bed.time.now();
    const dueBy = new Date(decidedAt.getTime() + 3600_000).toISOString();
    const request: RequestAuthorised = {
      requestId: `${MDR_USER.userId}:${deviceId}:7`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
      srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan, deviceId, days: { from: '2026-11-29', to: '2026-11-30' },
      trt: { seconds: 3600, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
      decidedAt: decidedAt.toISOString(), dueBy, matrixVersion: 'test', registryVersion: 1,
    };
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [request]);

    // The clock runs on past the deadline: nothing answers.
    await bed.time.advanceUntil(async () => (await bed.db.query("SELECT 1 FROM collection_items WHERE state = 'EXPIRED'")).rows.length > 0, new Date(Date.parse(dueBy) + 3600_000));
    expect(bed.time.now().getTime()).toBeGreaterThanOrEqual(Date.parse(dueBy));
    const commands = (await bed.commands()).map((c) => c.command);
    expect(commands.map((c) => `${c.attempt} ${c.kind}`)).toEqual(['1 ON_DEMAND', '2 BACKSTOP', '3 BACKSTOP']);
    expect(commands[0]).toMatchObject({ kind: 'ON_DEMAND', dataDay: '2026-11-29', provider: 'S1SP-B', deadline: dueBy });
    expect(commands[0].requesters).toEqual([{ userId: MDR_USER.userId, role: 'MDR', mpid: 'MDRA', origin: request.requestId, requestId: request.requestId, purpose: 'MHHS' }]);

    const responses = (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
    expect(responses).toHaveLength(1);
    const [breach] = responses;
    expect(breach).toMatchObject({ requestId: request.requestId, userId: MDR_USER.userId, outcome: 'FAILED', responseCode: 'E42', reason: 'TRT_MISSED' });
    expect(breach.message).toContain('NO_RESPONSE');
    expect((await bed.db.query('SELECT state FROM collection_items')).rows).toEqual([{ state: 'EXPIRED' }]);
    expect(await bed.service.metric('halfhour_scheduler_trt_breaches_total', { provider: 'S1SP-B' })).toBe(1);
  });

  it('lets a user read and delete its own schedules, and no one else’s', async () => {
    const mpan = freshMpan();
    const deviceId = '00-00-00-00-00-00-F1-02';
    const created = await bed.createSchedule(MDR_USER, mpan, deviceId, '4.6.1', '2026-12-05');
    const manage = (srv: '5.2' | '5.3', userId: string, dspScheduleId: string): RequestAuthorised => ({
      ...created, requestId: `${userId}:${deviceId}:${Math.floor(Math.random() * 1e9)}`, requestMessageId: randomUUID(), userId,
      srv, dataSrv: srv, mode: 'SCHEDULE_MANAGEMENT', dspScheduleId, schedule: undefined, days: undefined,
    });
    await bed.time.settle();
    const responses = async (requestId: string) => {
      const all = (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
      const mine = all.filter((r) => r.requestId === requestId);
      expect(mine).toHaveLength(1);
      return mine[0];
    };
    const { dspScheduleId } = await responses(created.requestId);
    expect(dspScheduleId).toMatch(/^DSP-[0-9a-f]{16}$/);

    const read = manage('5.2', MDR_USER.userId, dspScheduleId!);
    const stranger = manage('5.3', '00-00-00-00-00-00-EE-09', dspScheduleId!);
    const remove = manage('5.3', MDR_USER.userId, dspScheduleId!);
    for (const request of [read, stranger, remove]) {
      const [messageId] = await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [JSON.parse(JSON.stringify(request))]);
      // The read delivered again (the same message): answered once all the same.
      if (request === read) await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [JSON.parse(JSON.stringify(request))], [messageId]);
      await bed.time.settle();
    }
    expect(await responses(read.requestId)).toMatchObject({ responseCode: 'I0', outcome: 'ACCEPTED', message: `${dspScheduleId}: 4.6.1 DAILY ${mpan} from 2026-12-05` });
    expect(await responses(stranger.requestId)).toMatchObject({ responseCode: 'E40', reason: 'SCHEDULE_NOT_FOUND' });
    expect(await responses(remove.requestId)).toMatchObject({ responseCode: 'I0', dspScheduleId });
    expect((await bed.db.query('SELECT stopped_reason FROM schedules WHERE dsp_schedule_id = $1', [dspScheduleId])).rows).toEqual([{ stopped_reason: 'DELETED' }]);
  });

  it('reads the answers waiting on the topic before it calls any read unanswered after a restart', async () => {
    const mpan = freshMpan();
    const deviceId = '00-00-00-00-00-00-F1-03';
    await bed.publishTimelines([timeline(mpan, deviceId, { kind: 'CSP', region: 'SOUTH' })]);
    const decidedAt = bed.time.now();
    const request: RequestAuthorised = {
      requestId: `${MDR_USER.userId}:${deviceId}:9`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
      srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan, deviceId, days: { from: '2026-11-29', to: '2026-11-30' },
      trt: { seconds: 3 * 3600, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
      decidedAt: decidedAt.toISOString(), dueBy: new Date(decidedAt.getTime() + 3 * 3600_000).toISOString(), matrixVersion: 'test', registryVersion: 1,
    };
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], [request]);
    const mine = async () => (await bed.commands()).map((c) => c.command).filter((c) => c.mpan === mpan);
    await bed.time.advanceUntil(async () => (await mine()).length > 0, new Date(decidedAt.getTime() + 3600_000));
    const [command] = await mine();

    // The scheduler is down when the answer comes, and stays down past the no-answer limit.
    await bed.service.stop('SIGTERM');
    await bed.answer(command, 'COMPLETE');
    await bed.time.advanceBy(30 * 60_000);
    bed.service = await bed.newServiceProcess().start();
    await bed.time.advanceBy(15 * 60_000);

    expect((await mine()).map((c) => c.attempt)).toEqual([1]);
    const { rows } = await bed.db.query('SELECT state, attempt, failure_reason FROM collection_items WHERE mpan = $1', [mpan]);
    expect(rows).toEqual([{ state: 'SUCCEEDED', attempt: 1, failure_reason: null }]);
  });
});
