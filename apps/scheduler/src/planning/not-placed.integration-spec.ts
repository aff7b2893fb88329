import { ServiceResponse, Topics } from '@halfhour/contracts';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../../test/scheduler-test-bed';

const PLAN_DAY = '2026-12-01';

describe('a scheduled read the day’s plan has no slot for', () => {
  // Hour-long slots after 06:00 (those the deadline margin leaves) and one MHHS read each on CSP-SOUTH: twenty schedules, a few left over.
  const bed = SchedulerTestBed.forSuite('2026-12-01T04:30:00Z', {
    PROVIDER_CAPACITY: 'CSP-NORTH=2,CSP-CENTRAL=2,CSP-SOUTH=2', RESERVED_SHARE: '0.5', SLOT_MINUTES: '60', NO_RESPONSE_AFTER_SECONDS: String(24 * 3600),
  });
  const responses = async () => (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);

  it('is told to its requester when the plan is made (E44, pending), not first at its deadline', async () => {
    const meters = Array.from({ length: 20 }, (_, i) => ({ mpan: freshMpan(), deviceId: `00-00-00-00-00-00-F4-${i.toString(16).padStart(2, '0').toUpperCase()}` }));
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'CSP', region: 'SOUTH' })));
    const schedules = [];
    for (const m of meters) schedules.push(await bed.createSchedule(MDR_USER, m.mpan, m.deviceId, '4.8.1', '2026-11-01'));
    bed.service = await bed.newServiceProcess().start();
    await bed.time.settle();

    const { rows } = await bed.db.query<{ mpan: string; state: string }>('SELECT mpan, state FROM collection_items WHERE plan_day = $1', [PLAN_DAY]);
    const unplaced = rows.filter((r) => r.state === 'UNPLACED').map((r) => r.mpan).sort();
    expect(rows).toHaveLength(20);
    expect(unplaced.length).toBeGreaterThan(0);
    const told = (await responses()).filter((r) => r.responseCode === 'E44');
    expect(told.map((r) => r.requestId).sort()).toEqual(schedules.filter((s) => unplaced.includes(s.mpan)).map((s) => s.requestId).sort());
    for (const answer of told) {
      expect(answer).toMatchObject({ userId: MDR_USER.userId, outcome: 'PENDING', reason: 'NOT_PLACED' });
      expect(answer.dspScheduleId).toMatch(/^DSP-/);
      expect(answer.message).toContain('CSP-SOUTH');
    }
  });
});
