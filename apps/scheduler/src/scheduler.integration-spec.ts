import { ServiceResponse, Topics } from '@halfhour/contracts';
import { operatorHeaders } from '@halfhour/testing';
import { parse } from 'csv-parse/sync';
import { freshMpan, MDR_USER, SchedulerTestBed, SUPPLIER_USER, timeline } from '../test/scheduler-test-bed';

const PLAN_DAY = '2026-12-01';
const DATA_DAY = '2026-11-30';
const END_OF_DAY = new Date('2026-12-02T00:00:00Z');

describe('scheduler on the real broker and database, on simulated time', () => {
  // The clock stands at 04:30 on 1 December until the test moves it.
  const bed = SchedulerTestBed.forSuite('2026-12-01T04:30:00Z', {
    PROVIDER_CAPACITY: 'CSP-NORTH=4,CSP-CENTRAL=4,CSP-SOUTH=4', OTHER_PROVIDER_READS_PER_SLOT: '4', RESERVED_SHARE: '0.5',
    NO_RESPONSE_AFTER_SECONDS: String(6 * 3600),
  });

  it('plans a day’s schedules into slots after 06:00, collects once, backstops a failure, and stops a schedule whose appointment ends', async () => {
    const [m1, m2, m3] = [freshMpan(), freshMpan(), freshMpan()];
    await bed.publishTimelines([
      timeline(m1, '00-00-00-00-00-00-F0-01', { kind: 'CSP', region: 'SOUTH' }),
      timeline(m2, '00-00-00-00-00-00-F0-02', { kind: 'S1SP', s1spId: 'S1SP-A' }),
      timeline(m3, '00-00-00-00-00-00-F0-03', { kind: 'CSP', region: 'NORTH' }),
    ]);
    const m1Mdr = await bed.createSchedule(MDR_USER, m1, '00-00-00-00-00-00-F0-01', '4.8.1', '2026-11-01');
    await bed.createSchedule(SUPPLIER_USER, m1, '00-00-00-00-00-00-F0-01', '4.8.1', '2026-11-01');
    await bed.createSchedule(MDR_USER, m2, '00-00-00-00-00-00-F0-02', '4.8.1', '2026-11-01');
    const m3Mdr = await bed.createSchedule(MDR_USER, m3, '00-00-00-00-00-00-F0-03', '4.8.1', '2026-11-01');
    await bed.watchCommands();
    bed.service = await bed.newServiceProcess().start();

    // Settled at 04:30: every schedule read and the day planned.
    await bed.time.settle();
    type Hour = { hour: string; planned: number; plannedScheduled: number; plannedOnDemand: number; mhhsCapacity: number; scheduledCapacity: number; reservedCapacity: number };
    const { status, body: plan } = await bed.service.get<{ items: number; demands: number; hours: Hour[] }>(`/plans/${PLAN_DAY}`);
    expect(status).toBe(200);
    expect(plan).toMatchObject({ demands: 4, items: 3 });
    // Each hour of 12 five-minute slots after 06:00: 2 MHHS reads a slot (all of them the scheduled lane's here), 2 kept for business as usual.
    expect(plan.hours.reduce((n, h) => n + h.plannedScheduled, 0)).toBe(3);
    // Every hour of the day is listed, empty ones too: the night's give the daily plan nothing.
    expect(new Set(plan.hours.map((h) => h.hour)).size).toBe(24);
    const [night, day] = [plan.hours.filter((h) => h.hour < `${PLAN_DAY}T06:00:00.000Z`), plan.hours.filter((h) => h.hour >= `${PLAN_DAY}T06:00:00.000Z`)];
    expect(night.filter((h) => h.scheduledCapacity !== 0 || h.planned !== 0)).toEqual([]);
    for (const hour of day) {
      expect(hour).toMatchObject({ plannedOnDemand: 0, mhhsCapacity: 24, scheduledCapacity: 24, reservedCapacity: 24 });
      expect(hour.planned).toBe(hour.plannedScheduled);
    }
    expect(await bed.service.get('/plans/2026-02-31')).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_DATE' } });
    expect(await bed.service.metric('halfhour_scheduler_reads_saved_total')).toBe(1);

    // The MDR's appointment on m3 is cut back before the day's reads run (a termination arriving mid-morning).
    await bed.publishTimelines([timeline(m3, '00-00-00-00-00-00-F0-03', { kind: 'CSP', region: 'NORTH' }, DATA_DAY, 2)]);
    await bed.time.settle();
    expect((await bed.db.query('SELECT version FROM registry_view WHERE mpan = $1', [m3])).rows[0]?.version).toBe(2);
    expect(await bed.commands()).toEqual([]);

    // The clock runs until m1 (two requesters, one read) and m2 have gone out; m3 never does.
    const sentAt = await bed.time.advanceUntil(async () => (await bed.commands()).length >= 2, END_OF_DAY);
    expect(sentAt.toISOString() >= '2026-12-01T06:00:00.000Z').toBe(true);
    const first = (await bed.commands()).map((c) => c.command);
    expect(first.map((c) => c.mpan).sort()).toEqual([m1, m2].sort());
    const m1Command = first.find((c) => c.mpan === m1)!;
    expect(m1Command.requesters.map((r) => r.role).sort()).toEqual(['IS', 'MDR']);
    expect(m1Command).toMatchObject({ srv: '4.8.1', dataDay: DATA_DAY, attempt: 1, kind: 'SCHEDULED', provider: 'CSP-SOUTH', readPeriod: { start: '2026-11-30T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' } });
    const m2Command = first.find((c) => c.mpan === m2)!;
    expect((await bed.commands()).find((c) => c.command.mpan === m2)!.message.headers!['hh-message-type']!.toString()).toBe('device.read-command');

    await bed.answer(m1Command, 'COMPLETE');
    await bed.answer(m2Command, 'FAILED', 'METER_TIMEOUT');
    await bed.time.settle();
    const { rows: [{ dispatched_at: firstDispatchedAt }] } = await bed.db.query('SELECT dispatched_at FROM collection_items WHERE mpan = $1', [m2]);
    const backstopOf = async () => (await bed.commands()).find((c) => c.command.mpan === m2 && c.command.attempt === 2)?.command;
    await bed.time.advanceUntil(async () => (await backstopOf()) !== undefined, END_OF_DAY);
    const backstop = (await backstopOf())!;
    expect(backstop).toMatchObject({ kind: 'BACKSTOP', commandId: `${m2Command.planDay}|${m2Command.itemKey}#2` });
    await bed.answer(backstop, 'COMPLETE');
    await bed.time.settle();

    const { rows: states } = await bed.db.query('SELECT mpan, state, kind, attempt, slot_start, dispatched_at FROM collection_items ORDER BY mpan');
    expect(states.map((r) => r.state).sort()).toEqual(['STOPPED', 'SUCCEEDED', 'SUCCEEDED']);
    for (const row of states.filter((r) => r.state === 'SUCCEEDED')) {
      // Every read went out in its slot, and no slot is in the night window.
      expect(new Date(row.slot_start).toISOString() >= '2026-12-01T06:00:00.000Z').toBe(true);
      expect(new Date(row.dispatched_at).getTime()).toBeGreaterThanOrEqual(new Date(row.slot_start).getTime());
    }
    const m2State = states.find((r) => r.mpan === m2);
    expect(m2State).toMatchObject({ kind: 'BACKSTOP', attempt: 2 });
    // The backstop waited out its delay (a slot, by default) instead of asking again in the slot that failed.
    expect(new Date(m2State.dispatched_at).getTime() - new Date(firstDispatchedAt).getTime()).toBeGreaterThanOrEqual(5 * 60_000);

    const responses = (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
    expect(responses.filter((r) => r.outcome === 'ACCEPTED' && r.responseCode === 'I0')).toHaveLength(4);
    expect(responses.find((r) => r.requestId === m1Mdr.requestId)?.dspScheduleId).toMatch(/^DSP-/);
    expect(responses.find((r) => r.requestId === m3Mdr.requestId && r.outcome === 'FAILED')).toMatchObject({ responseCode: 'E41', reason: 'ENTITLEMENT_ENDED' });
    const { rows: stopped } = await bed.db.query('SELECT mpan, stopped_reason FROM schedules WHERE stopped_at IS NOT NULL');
    expect(stopped).toEqual([{ mpan: m3, stopped_reason: 'ENTITLEMENT_ENDED' }]);
    expect(await bed.service.metric('halfhour_scheduler_backstops_total')).toBe(1);
    expect(await bed.service.metric('halfhour_scheduler_dispatched_total', { kind: 'BACKSTOP' })).toBe(1);

    // The day's transparency report, from the same records: per read group, per hour, per requester, and as CSV.
    type Figures = { items: number; delivered: number; stopped: number; successRate: number | null; resent: number };
    type Report = { plan: { savedByCollectingOnce: number }; reads: Record<string, Figures>; hours: { dispatchedScheduled: number; dispatchedOnDemand: number }[] };
    const { body: report } = await bed.service.get<Report>(`/reports/days/${PLAN_DAY}`);
    expect(report.plan.savedByCollectingOnce).toBe(1);
    expect(report.reads.scheduled).toMatchObject({ items: 2, delivered: 1, stopped: 1, successRate: 1 });
    expect(report.reads.backstop).toMatchObject({ items: 1, delivered: 1, resent: 1 });
    expect(report.hours.reduce((n, h) => n + h.dispatchedScheduled, 0)).toBe(1);
    expect(report.hours.reduce((n, h) => n + h.dispatchedOnDemand, 0)).toBe(1);
    const { body: perUser } = await bed.service.get<{ users: { userId: string; reads: Record<string, Figures> }[] }>(`/reports/days/${PLAN_DAY}/users`);
    expect(perUser.users.find((u) => u.userId === MDR_USER.userId)?.reads).toMatchObject({ scheduled: { delivered: 1 }, backstop: { delivered: 1 } });
    expect(perUser.users.find((u) => u.userId === SUPPLIER_USER.userId)?.reads.scheduled).toMatchObject({ items: 1, delivered: 1 });
    const csv = await fetch(`${bed.service.baseUrl}/reports/days/${PLAN_DAY}?format=csv`, { headers: operatorHeaders('read') });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parse(await csv.text()) as string[][];
    expect(header.slice(0, 5)).toEqual(['collectionDay', 'provider', 'reads', 'items', 'delivered']);
    expect(rows.find((r) => r[1] === 'CSP-SOUTH' && r[2] === 'scheduled')?.slice(3, 5)).toEqual(['1', '1']);
    expect(await bed.service.get('/reports/days/2026-02-30')).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_DATE' } });
    expect(await bed.service.get('/reports/days/2027-01-01')).toMatchObject({ status: 404, body: { reasonCode: 'NOT_PLANNED' } });
  });

  it('reads a BAU schedule (request version 2) in the night, in its own lane, and an MHHS schedule after 06:00', async () => {
    const [bau, mhhs] = [freshMpan(), freshMpan()];
    await bed.publishTimelines([timeline(bau, '00-00-00-00-00-00-F1-01', { kind: 'CSP', region: 'CENTRAL' }), timeline(mhhs, '00-00-00-00-00-00-F1-02', { kind: 'CSP', region: 'CENTRAL' })]);
    await bed.createSchedule(SUPPLIER_USER, bau, '00-00-00-00-00-00-F1-01', '4.8.1', DATA_DAY, 'BAU');
    await bed.createSchedule(SUPPLIER_USER, mhhs, '00-00-00-00-00-00-F1-02', '4.8.1', DATA_DAY, 'MHHS');
    await bed.time.settle();
    expect((await bed.db.query('SELECT mpan, purpose FROM schedules WHERE mpan = ANY($1) ORDER BY purpose', [[bau, mhhs]])).rows).toEqual([{ mpan: bau, purpose: 'BAU' }, { mpan: mhhs, purpose: 'MHHS' }]);
    // The forecast of tomorrow's plan already counts them, each in its lane; CSP-CENTRAL has no other schedules.
    type Forecast = { planDay: string; provider: string; lane: string; demand: number; shortBy: number };
    const { body: forecast } = await bed.service.get<{ days: Forecast[] }>('/forecast?days=2');
    expect(forecast.days.filter((f) => f.provider === 'CSP-CENTRAL' && f.planDay === '2026-12-02').map((f) => [f.lane, f.demand, f.shortBy])).toEqual([['BAU', 1, 0], ['SCHEDULED', 1, 0]]);
    expect(await bed.service.get('/forecast?days=0')).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_DAYS' } });

    const commandFor = async (mpan: string) => (await bed.commands()).find((c) => c.command.mpan === mpan && c.command.dataDay === PLAN_DAY)?.command;
    const bauSentAt = await bed.time.advanceUntil(async () => (await commandFor(bau)) !== undefined, new Date('2026-12-02T12:00:00Z'));
    expect(bauSentAt.toISOString() < '2026-12-02T06:00:00.000Z').toBe(true);
    // Each requester's purpose travels with the read, for the forwarder to route its data (routeData).
    expect(await commandFor(bau)).toMatchObject({ kind: 'BAU', provider: 'CSP-CENTRAL', requesters: [{ userId: SUPPLIER_USER.userId, purpose: 'BAU' }] });
    expect(await commandFor(mhhs)).toBeUndefined();
    const mhhsSentAt = await bed.time.advanceUntil(async () => (await commandFor(mhhs)) !== undefined, new Date('2026-12-02T12:00:00Z'));
    expect(mhhsSentAt.toISOString() >= '2026-12-02T06:00:00.000Z').toBe(true);
    expect(await commandFor(mhhs)).toMatchObject({ kind: 'SCHEDULED', requesters: [{ userId: SUPPLIER_USER.userId, purpose: 'MHHS' }] });

    type Hour = { provider: string; hour: string; plannedBau: number; bauCapacity: number; plannedScheduled: number };
    const { body: plan } = await bed.service.get<{ hours: Hour[] }>('/plans/2026-12-02');
    const central = plan.hours.filter((h) => h.provider === 'CSP-CENTRAL');
    const bauHour = central.find((h) => h.plannedBau > 0)!;
    // Each night slot gives BAU schedules half of its 4 reads; by day their 10 % of 4 reads is none.
    expect(bauHour).toMatchObject({ plannedBau: 1, bauCapacity: 24 });
    expect(bauHour.hour < '2026-12-02T06:00:00.000Z').toBe(true);
    expect(central.find((h) => h.plannedScheduled > 0)).toMatchObject({ bauCapacity: 0 });
    expect(await bed.service.metric('halfhour_scheduler_dispatched_total', { kind: 'BAU' })).toBe(1);
  });
});
