import { RequestAuthorised, Topics } from '@halfhour/contracts';
import { randomUUID } from 'node:crypto';
import { SlotLoad } from '@halfhour/simulation';
import { SimulatedProvider } from '../../apps/provider-simulator/src/simulated-provider';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../../apps/scheduler/test/scheduler-test-bed';

const SLOT_MS = 5 * 60_000;
const READS_PER_SLOT = 40;
const BAU_PER_SLOT = 16;
const MHHS_PER_SLOT = 20;

/**
 * NFR-10: MHHS collection leaves business as usual untouched. CSP-SOUTH serves 40 reads a slot;
 * its own BAU traffic is 16 reads a slot and the scheduler gives MHHS half of each slot (20). The
 * SIMULATED provider answers the scheduler's commands at the run's time and reports how its BAU
 * reads fared in each slot. BAU latency is compared with the MHHS lane empty and full; a slot
 * where reads arrive regardless of capacity shows the comparison would catch a scheduler that
 * over-booked.
 */
describe('BAU traffic with the MHHS lane full', () => {
  const bed = SchedulerTestBed.forSuite('2026-12-01T10:00:00Z', {
    PROVIDER_CAPACITY: `CSP-NORTH=${READS_PER_SLOT},CSP-CENTRAL=${READS_PER_SLOT},CSP-SOUTH=${READS_PER_SLOT}`, RESERVED_SHARE: '0.5', NO_RESPONSE_AFTER_SECONDS: '3600',
  });
  const provider = new SimulatedProvider('CSP-SOUTH', { now: () => bed.time.now() }, SLOT_MS);
  provider.change({ capacityPerSlot: READS_PER_SLOT, bauReadsPerSlot: BAU_PER_SLOT, latencyMs: [20, 60] });

  const answered = new Set<string>();
  /** Plays the adapter: every new command is read from the simulated provider now, and its result published. */
  async function readAll(): Promise<void> {
    for (const { command } of await bed.commands()) {
      if (answered.has(command.commandId)) continue;
      answered.add(command.commandId);
      const answer = await provider.read({ commandId: command.commandId, mpan: command.mpan, deviceId: command.deviceId, srv: command.srv, start: command.readPeriod.start, end: command.readPeriod.end });
      expect(answer).toMatchObject({ status: 200 });
      await bed.answer(command, 'COMPLETE');
    }
    await bed.time.settle();
  }

  async function slotsFor(minutes: number): Promise<void> {
    for (let s = 0; s < minutes / 5; s++) {
      await bed.time.advanceBy(SLOT_MS);
      await readAll();
    }
  }

  const meanLatency = (slots: readonly SlotLoad[]) => slots.reduce((n, s) => n + s.bauLatencyMs, 0) / slots.length;

  it('keeps BAU latency and punctuality as they are without MHHS load', async () => {
    const meters = Array.from({ length: 6 * MHHS_PER_SLOT }, (_, i) => ({ mpan: freshMpan(), deviceId: `00-00-00-00-00-05-${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(i & 255).toString(16).padStart(2, '0').toUpperCase()}` }));
    await bed.publishTimelines(meters.map((m) => timeline(m.mpan, m.deviceId, { kind: 'CSP', region: 'SOUTH' })));
    await bed.watchCommands();
    bed.service = await bed.newServiceProcess().start();
    provider.slots();

    // Half an hour of BAU traffic alone.
    await slotsFor(30);
    const quiet = provider.slots().filter((s) => s.halfhourReads === 0);
    expect(quiet.length).toBeGreaterThanOrEqual(6);

    // Six slots' worth of MHHS reads on demand at once: the scheduler fills the MHHS share of each slot, no more.
    const decidedAt = bed.time.now();
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], meters.map((m, i): RequestAuthorised => ({
      requestId: `${MDR_USER.userId}:${m.deviceId}:${i + 1}`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
      srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan: m.mpan, deviceId: m.deviceId, days: { from: '2026-11-30', to: '2026-12-01' },
      trt: { seconds: 3600, basis: 'MHHS', policy: 'MDR_SHORT_ON_DEMAND' }, decidedAt: decidedAt.toISOString(),
      dueBy: new Date(decidedAt.getTime() + 3600_000).toISOString(), matrixVersion: 'test', registryVersion: 1,
    })));
    await readAll();
    await slotsFor(40);
    const loaded = provider.slots().filter((s) => s.halfhourReads > 0);
    expect(loaded.reduce((n, s) => n + s.halfhourReads, 0)).toBe(meters.length);
    expect(Math.max(...loaded.map((s) => s.halfhourReads))).toBe(MHHS_PER_SLOT);
    expect(loaded.filter((s) => s.halfhourReads === MHHS_PER_SLOT).length).toBeGreaterThanOrEqual(5);

    // BAU with the lane full: every read on time, latency within the noise of the quiet slots' (20–60 ms a read).
    for (const slot of loaded) expect(slot.bauOnTime).toBe(BAU_PER_SLOT);
    for (const slot of quiet) expect(slot.bauOnTime).toBe(BAU_PER_SLOT);
    expect(Math.abs(meanLatency(loaded) - meanLatency(quiet))).toBeLessThan(10);

    // The same provider when reads arrive regardless of its capacity (60 in one slot): BAU falls behind.
    for (let i = 0; i < 3 * MHHS_PER_SLOT; i++) await provider.read({ commandId: `flood-${i}`, mpan: meters[0].mpan, deviceId: meters[0].deviceId, srv: '4.8.1', start: '2026-11-30T00:00:00Z', end: '2026-12-01T00:00:00Z' });
    await bed.time.advanceBy(SLOT_MS);
    const flooded = provider.slots().at(-1)!;
    expect(flooded.halfhourReads).toBe(3 * MHHS_PER_SLOT);
    expect(flooded.bauOnTime).toBeLessThan(BAU_PER_SLOT);
    expect(flooded.bauLatencyMs).toBeGreaterThan(10 * meanLatency(quiet));
  });
});
