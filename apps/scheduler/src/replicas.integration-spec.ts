import { RequestAuthorised, Topics } from '@halfhour/contracts';
import { eventually } from '@halfhour/testing';
import { randomUUID } from 'node:crypto';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

const SCHEDULES = 300;
/** Read on demand while both replicas plan: placed by either replica's placer, racing both planners for the same slots. */
const ON_DEMAND = 30;

describe('two scheduler replicas', () => {
  // The clock stands at 05:50 until the test moves it; the day's reads go out from 06:00.
  const bed = SchedulerTestBed.forSuite('2026-12-01T05:50:00Z', {
    PROVIDER_CAPACITY: 'CSP-NORTH=6,CSP-CENTRAL=6,CSP-SOUTH=6', RESERVED_SHARE: '0.5', DISPATCH_BATCH_SIZE: '7', NO_RESPONSE_AFTER_SECONDS: String(24 * 3600),
  });

  it('plan the day once, never dispatch an item twice, and never put more in a slot than the provider takes, on-demand reads racing the plan', async () => {
    const regions = ['NORTH', 'CENTRAL', 'SOUTH'] as const;
    const meters = Array.from({ length: SCHEDULES + ON_DEMAND }, (_, i) => ({
      mpan: freshMpan(), deviceId: `00-00-00-00-00-01-${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(i & 255).toString(16).padStart(2, '0').toUpperCase()}`,
      region: regions[i % 3],
    }));
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'CSP', region: m.region })));
    for (const m of meters.slice(0, SCHEDULES)) await bed.createSchedule(MDR_USER, m.mpan, m.deviceId, '4.8.1', '2026-11-01');
    await bed.watchCommands();
    const [a, b] = await Promise.all([bed.newServiceProcess().start(), bed.newServiceProcess().start()]);
    bed.service = a;
    // Due by 07:50: each must be read in the first hour of slots, where the plan puts its first reads too.
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], meters.slice(SCHEDULES).map((m, i): RequestAuthorised => ({
      requestId: `${MDR_USER.userId}:${m.deviceId}:${i + 1}`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
      srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan: m.mpan, deviceId: m.deviceId, days: { from: '2026-11-30', to: '2026-12-01' },
      trt: { seconds: 7200, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
      decidedAt: bed.time.now().toISOString(), dueBy: '2026-12-01T07:50:00.000Z', matrixVersion: 'test', registryVersion: 1,
    })));
    try {
      await bed.time.advanceUntil(async () => (await bed.commands()).length >= SCHEDULES + ON_DEMAND, new Date('2026-12-02T00:00:00Z'));
      // Both replicas run on for another simulated hour: a double dispatch would show up as a second command.
      await bed.time.advanceBy(3600_000);
      const commands = await bed.commands();
      const ids = commands.map((c) => c.command.commandId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(commands.map((c) => c.command.itemKey)).size).toBe(SCHEDULES + ON_DEMAND);
      expect(commands.filter((c) => c.command.kind === 'ON_DEMAND').every((c) => c.command.deadline === '2026-12-01T07:50:00.000Z')).toBe(true);
      expect(commands.every((c) => c.command.attempt === 1)).toBe(true);

      expect((await bed.db.query('SELECT count(*)::int AS n FROM plan_runs')).rows[0].n).toBe(1);
      const { rows: perSlot } = await bed.db.query('SELECT provider, slot_start, count(*)::int AS reads FROM collection_items GROUP BY provider, slot_start');
      expect(Math.max(...perSlot.map((r) => r.reads))).toBeLessThanOrEqual(3);
      expect(perSlot.every((r) => new Date(r.slot_start).toISOString() >= '2026-12-01T06:00:00.000Z')).toBe(true);
      const dispatchedBy = (await a.metric('halfhour_scheduler_dispatched_total')) + (await b.metric('halfhour_scheduler_dispatched_total'));
      expect(dispatchedBy).toBe(SCHEDULES + ON_DEMAND);

      // The gauges counted from the database come from one replica: summed over both, the items once.
      const itemsReported = async () => (await a.metric('halfhour_scheduler_items')) + (await b.metric('halfhour_scheduler_items'));
      const owners = async () => [await a.metric('halfhour_database_gauges_owner', { gauges: 'scheduler items' }), await b.metric('halfhour_database_gauges_owner', { gauges: 'scheduler items' })];
      await eventually(async () => {
        expect((await owners()).sort()).toEqual([0, 1]);
        expect(await itemsReported()).toBe(SCHEDULES + ON_DEMAND);
      });
      // The owner stops: the other takes the gauges over.
      const [owner, other] = (await owners())[0] === 1 ? [a, b] : [b, a];
      await owner.stop('SIGTERM');
      await eventually(async () => {
        expect(await other.metric('halfhour_database_gauges_owner', { gauges: 'scheduler items' })).toBe(1);
        expect(await other.metric('halfhour_scheduler_items')).toBe(SCHEDULES + ON_DEMAND);
      });
    } finally {
      await Promise.all([a.stop('SIGTERM'), b.stop('SIGTERM')]);
    }
  });
});
