import { ReadCommand } from '@halfhour/contracts';
import { eventually } from '@halfhour/testing';
import { OUTAGE_CHANGED_BY } from './capacity/capacity-changes';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

const SCHEDULES = 300;

describe('changing a provider’s capacity at run time', () => {
  // The clock stands at 05:50 on 1 December. CSP-SOUTH and CSP-NORTH take 6 reads a slot, 3 for
  // MHHS: each day's 300 reads are spread one a slot over the day and a second in the slots up to
  // about 13:00. A provider is out after 5 failures of its own; out, it is planned at a third of
  // its capacity (2 reads a slot, 1 for MHHS).
  const bed = SchedulerTestBed.forSuite('2026-12-01T05:50:00Z', {
    PROVIDER_CAPACITY: 'CSP-NORTH=6,CSP-CENTRAL=6,CSP-SOUTH=6', RESERVED_SHARE: '0.5', NO_RESPONSE_AFTER_SECONDS: String(24 * 3600),
    OUTAGE_AFTER_FAILURES: '5', OUTAGE_CAPACITY_SHARE: '0.34', GAUGES_INTERVAL_MS: '100',
  });

  const perSlot = async (from: string, provider = 'CSP-SOUTH') => (await bed.db.query<{ slot_start: Date; reads: number }>(
    `SELECT slot_start, count(*)::int AS reads FROM collection_items WHERE provider = $2 AND slot_start >= $1 GROUP BY slot_start ORDER BY slot_start`, [from, provider],
  )).rows;
  const metersOn = (region: 'SOUTH' | 'NORTH', tag: string) => Array.from({ length: SCHEDULES }, (_, i) => ({
    mpan: freshMpan(), deviceId: `00-00-00-00-00-${tag}-${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(i & 255).toString(16).padStart(2, '0').toUpperCase()}`, region,
  }));
  const put = (body: object, scope: 'read' | 'write' = 'write') => bed.service.send('PUT', '/capacity/CSP-SOUTH', body, scope);

  it('re-plans the rest of the day from the next slot, never above the new figure, and keeps an audit of who changed what', async () => {
    // CSP-NORTH's day is planned alike, for the outage below.
    const meters = [...metersOn('SOUTH', '02'), ...metersOn('NORTH', '03')];
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'CSP', region: m.region })));
    for (const m of meters) await bed.createSchedule(MDR_USER, m.mpan, m.deviceId, '4.8.1', '2026-11-01');
    bed.service = await bed.newServiceProcess().start();
    await bed.time.advanceTo(new Date('2026-12-01T10:00:00Z'));
    const before = await perSlot('2026-12-01T10:05:00Z');
    expect(Math.max(...before.map((s) => s.reads))).toBe(2);

    // A refused change changes nothing.
    expect((await put({ readsPerSlot: -1, reservedShare: 0.5, reason: 'x' })).status).toBe(400);
    // Only a write-scope token changes capacity, and the audit names it, not the body.
    expect((await put({ readsPerSlot: 2, reservedShare: 0.5, reason: 'x' }, 'read')).status).toBe(403);
    expect((await put({ readsPerSlot: 2, reservedShare: 0.5, reason: 'x', changedBy: 'someone-else' })).status).toBe(400);

    // From 10:00 the provider takes 2 reads a slot (1 for MHHS), and 4 (2 for MHHS) from 18:00.
    const response = await put({ readsPerSlot: 2, reservedShare: 0.5, periods: [{ fromMinute: 18 * 60, toMinute: 24 * 60, readsPerSlot: 4 }], reason: 'CSP South degraded' });
    expect(response.status).toBe(200);
    const change = response.body as { released: number; previous: { readsPerSlot: number } };
    expect(change.previous.readsPerSlot).toBe(6);
    expect(change.released).toBe(before.filter((s) => new Date(s.slot_start) < new Date('2026-12-01T18:00:00Z')).reduce((n, s) => n + s.reads - 1, 0));

    // The placer puts what was released where the new figures have room: after 18:00, two a slot.
    await bed.time.advanceBy(60_000);
    const after = await perSlot('2026-12-01T10:05:00Z');
    for (const slot of after) expect(slot.reads).toBeLessThanOrEqual(new Date(slot.slot_start) < new Date('2026-12-01T18:00:00Z') ? 1 : 2);
    const { rows: [{ items, waiting }] } = await bed.db.query(`SELECT count(*)::int AS items, count(*) FILTER (WHERE state = 'UNPLACED')::int AS waiting FROM collection_items WHERE provider = 'CSP-SOUTH'`);
    expect(items).toBe(SCHEDULES);
    expect(after.reduce((n, s) => n + s.reads, 0) + waiting).toBe(before.reduce((n, s) => n + s.reads, 0));

    const { body: inForce } = await bed.service.get<{ providers: Record<string, { readsPerSlot: number }> }>('/capacity');
    expect(inForce.providers['CSP-SOUTH'].readsPerSlot).toBe(2);
    expect(inForce.providers['CSP-NORTH'].readsPerSlot).toBe(6);
    const { body: audit } = await bed.service.get<{ changedBy: string; reason: string; released: number }[]>('/capacity/changes?provider=CSP-SOUTH');
    expect(audit).toEqual([expect.objectContaining({ changedBy: 'duty-operator', reason: 'CSP South degraded', released: change.released })]);
  });

  it('plans less for a provider that is out until it answers again, audited as the scheduler’s change', async () => {
    await bed.watchCommands();
    const north = async () => (await bed.commands()).map((c) => c.command).filter((c: ReadCommand) => c.provider === 'CSP-NORTH');
    const from = bed.time.now().toISOString();
    const before = await perSlot(from, 'CSP-NORTH');
    expect(Math.max(...before.map((s) => s.reads))).toBe(2);
    const sent = await north();
    expect(sent.length).toBeGreaterThan(6);

    // Five reads fail on the provider itself (the adapter's circuit is open): it is out.
    for (const command of sent.slice(0, 5)) await bed.answer(command, 'FAILED', 'PROVIDER_UNAVAILABLE: circuit open after repeated failures', 'PROVIDER_UNAVAILABLE');
    await bed.time.settle();
    const cut = await perSlot(from, 'CSP-NORTH');
    for (const slot of cut) if (new Date(slot.slot_start) > new Date(from)) expect(slot.reads).toBeLessThanOrEqual(1);
    const { body: inForce } = await bed.service.get<{ providers: Record<string, { readsPerSlot: number }>; outages: { provider: string }[] }>('/capacity');
    expect(inForce.providers['CSP-NORTH'].readsPerSlot).toBe(2);
    expect(inForce.outages.map((o) => o.provider)).toEqual(['CSP-NORTH']);
    const { body: [declared] } = await bed.service.get<{ changedAt: string; changedBy: string; reason: string; released: number; current: { readsPerSlot: number } }[]>('/capacity/changes?provider=CSP-NORTH');
    expect(declared).toMatchObject({ changedBy: OUTAGE_CHANGED_BY, current: { readsPerSlot: 2 }, reason: expect.stringContaining('CSP-NORTH is out: 5 reads failed') });
    // At least what the cut took out of the slots (the failed reads' backstops may have been placed, and released, too),
    // and nothing lost: every read planned from now on before the outage, and the five failed, is planned or waits.
    const total = (slots: readonly { reads: number }[]) => slots.reduce((n, s) => n + s.reads, 0);
    expect(declared.released).toBeGreaterThanOrEqual(total(before) - total(cut));
    expect(declared.released).toBeGreaterThan(0);
    const { rows: [{ waiting: waitingInOutage }] } = await bed.db.query(`SELECT count(*)::int AS waiting FROM collection_items WHERE provider = 'CSP-NORTH' AND state IN ('UNPLACED', 'FAILED')`);
    expect(total(cut) + waitingInOutage).toBe(total(before) + 5);
    await eventually(async () => expect(await bed.service.metric('halfhour_scheduler_provider_out', { provider: 'CSP-NORTH' })).toBe(1), 10_000, 50);

    // One read answered: it is back, and what waited is placed within its full capacity again.
    await bed.answer(sent[5], 'COMPLETE');
    await bed.time.settle();
    const { body: [back] } = await bed.service.get<{ changedAt: string; changedBy: string; released: number; current: { readsPerSlot: number } }[]>('/capacity/changes?provider=CSP-NORTH');
    expect(back).toMatchObject({ changedBy: OUTAGE_CHANGED_BY, released: 0, current: { readsPerSlot: 6 } });
    expect((await bed.service.get<{ outages: unknown[] }>('/capacity')).body.outages).toEqual([]);
    const { rows: [{ waiting }] } = await bed.db.query(`SELECT count(*) FILTER (WHERE state = 'UNPLACED' AND kind = 'SCHEDULED')::int AS waiting FROM collection_items WHERE provider = 'CSP-NORTH'`);
    expect(waiting).toBe(0);
    for (const slot of await perSlot(from, 'CSP-NORTH')) expect(slot.reads).toBeLessThanOrEqual(3);
    await eventually(async () => expect(await bed.service.metric('halfhour_scheduler_provider_out', { provider: 'CSP-NORTH' })).toBe(0), 10_000, 50);
    // The day's report marks when it was out, from the same audit.
    const { body: report } = await bed.service.get<{ outages: object[] }>('/reports/days/2026-12-01');
    expect(report.outages).toEqual([{ provider: 'CSP-NORTH', from: new Date(declared.changedAt).toISOString(), to: new Date(back.changedAt).toISOString() }]);
  });

  it('re-plans a day from now on when the operator asks: the waiting reads placed evenly within the capacity in force, audited, the same plan when asked twice', async () => {
    // CSP-SOUTH takes nothing for a moment, then 6 reads a slot again (3 for MHHS): what waited is placed as soon as it has room, three a slot.
    expect((await put({ readsPerSlot: 0, reservedShare: 0.5, reason: 'CSP South paused' })).status).toBe(200);
    expect((await put({ readsPerSlot: 6, reservedShare: 0.5, reason: 'CSP South restored' })).status).toBe(200);
    await bed.time.advanceBy(60_000);
    const from = bed.time.now().toISOString();
    const bunched = await perSlot(from);
    expect(Math.max(...bunched.map((s) => s.reads))).toBe(3);
    const post = async (body: object) => {
      return bed.service.send<{ action: string; affected: number; placed: number; reasonCode?: string }>('POST', '/plans/2026-12-01/replan', body);
    };
    expect(await post({})).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_REQUEST' } });

    const who = { reason: 'spread the afternoon after CSP South came back' };
    const first = await post(who);
    expect(first).toMatchObject({ status: 200, body: { action: 'REPLAN_DAY' } });
    expect(first.body.placed).toBe(first.body.affected);
    const spread = await perSlot(from);
    const total = (slots: readonly { reads: number }[]) => slots.reduce((n, s) => n + s.reads, 0);
    expect(total(spread)).toBe(total(bunched));
    // Evenly over every slot left before the reads' deadline less its hour's margin (23:00): no slot more than one read above another, none above the MHHS share.
    const slotsLeft = (Date.parse('2026-12-01T23:00:00Z') - Date.parse(from)) / (5 * 60_000);
    expect(spread.length).toBe(Math.floor(slotsLeft));
    expect(bunched.length).toBeLessThan(spread.length);
    const reads = spread.map((s) => s.reads);
    expect(Math.max(...reads)).toBeLessThanOrEqual(3);
    expect(Math.max(...reads) - Math.min(...reads)).toBeLessThanOrEqual(1);

    const second = await post(who);
    expect(second.body).toMatchObject({ affected: first.body.affected, placed: first.body.placed });
    expect(await perSlot(from)).toEqual(spread);
    const { body: audit } = await bed.service.get<{ action: string; arguments: { planDay: string }; affected: number }[]>('/operator-actions');
    expect(audit.map((a) => [a.action, a.arguments.planDay, a.affected])).toEqual([['REPLAN_DAY', '2026-12-01', first.body.affected], ['REPLAN_DAY', '2026-12-01', first.body.affected]]);
  });
});
