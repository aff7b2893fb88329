import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

const SCHEDULES = 300;

describe('changing a provider’s capacity at run time', () => {
  // The clock stands at 05:50 on 1 December. CSP-SOUTH takes 6 reads a slot, 3 for MHHS: the day's
  // 300 reads are spread one a slot over the day and a second in the slots up to about 13:00.
  const bed = SchedulerTestBed.forSuite('2026-12-01T05:50:00Z', {
    PROVIDER_CAPACITY: 'CSP-NORTH=6,CSP-CENTRAL=6,CSP-SOUTH=6', RESERVED_SHARE: '0.5', NO_RESPONSE_AFTER_SECONDS: String(24 * 3600),
  });

  const perSlot = async (from: string) => (await bed.db.query<{ slot_start: Date; reads: number }>(
    `SELECT slot_start, count(*)::int AS reads FROM collection_items WHERE provider = 'CSP-SOUTH' AND slot_start >= $1 GROUP BY slot_start ORDER BY slot_start`, [from],
  )).rows;
  const put = (body: object) => fetch(`${bed.service.baseUrl}/capacity/CSP-SOUTH`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('re-plans the rest of the day from the next slot, never above the new figure, and keeps an audit of who changed what', async () => {
    const meters = Array.from({ length: SCHEDULES }, (_, i) => ({ mpan: freshMpan(), deviceId: `00-00-00-00-00-02-${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(i & 255).toString(16).padStart(2, '0').toUpperCase()}` }));
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'CSP', region: 'SOUTH' })));
    for (const m of meters) await bed.createSchedule(MDR_USER, m.mpan, m.deviceId, '4.8.1', '2026-11-01');
    bed.service = await bed.newServiceProcess().start();
    await bed.time.advanceTo(new Date('2026-12-01T10:00:00Z'));
    const before = await perSlot('2026-12-01T10:05:00Z');
    expect(Math.max(...before.map((s) => s.reads))).toBe(2);

    // A refused change changes nothing.
    expect((await put({ readsPerSlot: -1, reservedShare: 0.5, changedBy: 'ops', reason: 'x' })).status).toBe(400);

    // From 10:00 the provider takes 2 reads a slot (1 for MHHS), and 4 (2 for MHHS) from 18:00.
    const response = await put({ readsPerSlot: 2, reservedShare: 0.5, periods: [{ fromMinute: 18 * 60, toMinute: 24 * 60, readsPerSlot: 4 }], changedBy: 'duty-operator', reason: 'CSP South degraded' });
    expect(response.status).toBe(200);
    const change = (await response.json()) as { released: number; previous: { readsPerSlot: number } };
    expect(change.previous.readsPerSlot).toBe(6);
    expect(change.released).toBe(before.filter((s) => new Date(s.slot_start) < new Date('2026-12-01T18:00:00Z')).reduce((n, s) => n + s.reads - 1, 0));

    // The placer puts what was released where the new figures have room: after 18:00, two a slot.
    await bed.time.advanceBy(60_000);
    const after = await perSlot('2026-12-01T10:05:00Z');
    for (const slot of after) expect(slot.reads).toBeLessThanOrEqual(new Date(slot.slot_start) < new Date('2026-12-01T18:00:00Z') ? 1 : 2);
    const { rows: [{ items, waiting }] } = await bed.db.query(`SELECT count(*)::int AS items, count(*) FILTER (WHERE state = 'UNPLACED')::int AS waiting FROM collection_items`);
    expect(items).toBe(SCHEDULES);
    expect(after.reduce((n, s) => n + s.reads, 0) + waiting).toBe(before.reduce((n, s) => n + s.reads, 0));

    const { body: inForce } = await bed.service.get<{ providers: Record<string, { readsPerSlot: number }> }>('/capacity');
    expect(inForce.providers['CSP-SOUTH'].readsPerSlot).toBe(2);
    expect(inForce.providers['CSP-NORTH'].readsPerSlot).toBe(6);
    const { body: audit } = await bed.service.get<{ changedBy: string; reason: string; released: number }[]>('/capacity/changes?provider=CSP-SOUTH');
    expect(audit).toEqual([expect.objectContaining({ changedBy: 'duty-operator', reason: 'CSP South degraded', released: change.released })]);
  });
});
