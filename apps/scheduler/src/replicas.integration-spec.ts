import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

const SCHEDULES = 300;

describe('two scheduler replicas', () => {
  // The clock stands at 05:50 until the test moves it; the day's reads go out from 06:00.
  const bed = SchedulerTestBed.forSuite('2026-12-01T05:50:00Z', {
    PROVIDER_CAPACITY: 'CSP-NORTH=6,CSP-CENTRAL=6,CSP-SOUTH=6', RESERVED_SHARE: '0.5', DISPATCH_BATCH_SIZE: '7', NO_RESPONSE_AFTER_SECONDS: String(24 * 3600),
  });

  it('plan the day once, never dispatch an item twice, and never put more in a slot than the provider takes', async () => {
    const regions = ['NORTH', 'CENTRAL', 'SOUTH'] as const;
    const meters = Array.from({ length: SCHEDULES }, (_, i) => ({
      mpan: freshMpan(), deviceId: `00-00-00-00-00-01-${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(i & 255).toString(16).padStart(2, '0').toUpperCase()}`,
      region: regions[i % 3],
    }));
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'CSP', region: m.region })));
    for (const m of meters) await bed.createSchedule(MDR_USER, m.mpan, m.deviceId, '4.8.1', '2026-11-01');
    await bed.watchCommands();
    const [a, b] = await Promise.all([bed.newServiceProcess().start(), bed.newServiceProcess().start()]);
    bed.service = a;
    try {
      await bed.time.advanceUntil(async () => (await bed.commands()).length >= SCHEDULES, new Date('2026-12-02T00:00:00Z'));
      // Both replicas run on for another simulated hour: a double dispatch would show up as a second command.
      await bed.time.advanceBy(3600_000);
      const commands = await bed.commands();
      const ids = commands.map((c) => c.command.commandId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(commands.map((c) => c.command.itemKey)).size).toBe(SCHEDULES);
      expect(commands.every((c) => c.command.attempt === 1)).toBe(true);

      expect((await bed.db.query('SELECT count(*)::int AS n FROM plan_runs')).rows[0].n).toBe(1);
      const { rows: perSlot } = await bed.db.query('SELECT provider, slot_start, count(*)::int AS reads FROM collection_items GROUP BY provider, slot_start');
      expect(Math.max(...perSlot.map((r) => r.reads))).toBeLessThanOrEqual(3);
      expect(perSlot.every((r) => new Date(r.slot_start).toISOString() >= '2026-12-01T06:00:00.000Z')).toBe(true);
      const dispatchedBy = (await a.metric('halfhour_scheduler_dispatched_total')) + (await b.metric('halfhour_scheduler_dispatched_total'));
      expect(dispatchedBy).toBe(SCHEDULES);
    } finally {
      await b.stop('SIGTERM');
    }
  });
});
