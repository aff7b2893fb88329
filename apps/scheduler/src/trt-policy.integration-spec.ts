import { ServiceResponse, Topics } from '@halfhour/contracts';
import { freshMpan, MDR_USER, SchedulerTestBed, SUPPLIER_USER, timeline } from '../test/scheduler-test-bed';
import { requestersColumn } from './items/stored-requesters';

describe('the scheduler under TRT policy MDR_ONLY', () => {
  // The same TRT_POLICY access-control decides by (MhhsPolicyConfig): schedules made before the
  // switch are held to it when they run. The clock stands at 05:50; today's plan is made at once.
  const bed = SchedulerTestBed.forSuite('2026-12-01T05:50:00Z', { TRT_POLICY: 'MDR_ONLY' });

  it('stops a supplier’s HH profile schedule with E25 when it would run, and keeps the MDR’s and the supplier’s daily read log', async () => {
    const mpan = freshMpan();
    const deviceId = '00-00-00-00-00-00-F5-01';
    await bed.publishTimelines([timeline(mpan, deviceId, { kind: 'CSP', region: 'CENTRAL' })]);
    const supplierProfile = await bed.createSchedule(SUPPLIER_USER, mpan, deviceId, '4.8.1', '2026-11-01');
    await bed.createSchedule(SUPPLIER_USER, mpan, deviceId, '4.6.1', '2026-11-01');
    await bed.createSchedule(MDR_USER, mpan, deviceId, '4.8.1', '2026-11-01');
    bed.service = await bed.newServiceProcess().start();

    await bed.time.advanceUntil(async () => (await bed.db.query('SELECT 1 FROM plan_runs')).rows.length > 0, new Date('2026-12-01T07:00:00Z'));
    const items = (await bed.db.query<{ srv: string; requesters: { userId: string }[] }>(`SELECT srv, ${requestersColumn()} AS requesters FROM collection_items ORDER BY srv`)).rows;
    expect(items.map((i) => [i.srv, i.requesters.map((r) => r.userId)])).toEqual([['4.6.1', [SUPPLIER_USER.userId]], ['4.8.1', [MDR_USER.userId]]]);

    const responses = (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
    const stopped = responses.filter((r) => r.responseCode !== 'I0');
    expect(stopped).toEqual([expect.objectContaining({ requestId: supplierProfile.requestId, userId: SUPPLIER_USER.userId, responseCode: 'E25', reason: 'RESERVED_TO_MDR', outcome: 'FAILED' })]);
    expect(stopped[0].message).toContain('MDR_ONLY');
    const { rows: [schedule] } = await bed.db.query('SELECT stopped_reason FROM schedules WHERE request_id = $1', [supplierProfile.requestId]);
    expect(schedule.stopped_reason).toBe('RESERVED_TO_MDR');
  });
});
