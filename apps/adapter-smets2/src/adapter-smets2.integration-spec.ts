import { Topics } from '@halfhour/contracts';
import { mpanCoreFrom, settlementDayStart, settlementPeriodStarts } from '@halfhour/domain';
import { syntheticHalfHourKwh, syntheticRegisterKwh } from '@halfhour/simulation';
import { eventually } from '@halfhour/testing';
import { ADAPTER_ENTITIES, ADAPTER_MIGRATIONS } from '@halfhour/device-adapter';
import { AdapterTestBed, migrationRoundTrip } from '@halfhour/service-testing';

let serial = Math.floor(Math.random() * 1e9);
const meter = (n: number) => ({ mpan: mpanCoreFrom('15', String(serial++).padStart(10, '0')), deviceId: `00-00-00-00-00-02-00-${String(n).padStart(2, '0')}` });

describe('adapter-smets2 against the simulated CSPs over HTTP', () => {
  let bed: AdapterTestBed;

  beforeAll(async () => {
    bed = await new AdapterTestBed('apps/adapter-smets2/src/main.ts').setUp();
    bed.service = await bed.adapterProcess().start();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('reads a day from each region, value by value as the simulator’s meters give them, export and daily logs too', async () => {
    const [north, central, south, exporter, logged] = [1, 2, 3, 4, 5].map(meter);
    const commands = [
      bed.command({ ...north, provider: 'CSP-NORTH' }),
      bed.command({ ...central, provider: 'CSP-CENTRAL' }),
      bed.command({ ...south, provider: 'CSP-SOUTH', dataDay: '2026-10-25' }),
      bed.command({ ...exporter, provider: 'CSP-SOUTH', srv: '4.8.3' }),
      bed.command({ ...logged, provider: 'CSP-CENTRAL', srv: '4.6.1' }),
    ];
    await bed.send(Topics.smets2Commands, commands);
    const results = await bed.resultsFor(commands);
    for (const [i, m] of [north, central, south].entries()) {
      const day = commands[i].dataDay;
      expect(results[i]).toMatchObject({ outcome: 'COMPLETE', source: 'METER', mpan: m.mpan, deviceId: m.deviceId, attempt: 1 });
      expect(results[i].periods).toEqual(settlementPeriodStarts(day).map((start) => ({ start: start.toISOString(), quality: 'ACTUAL', kwh: syntheticHalfHourKwh(m.mpan, 'IMPORT', start) })));
    }
    expect(results[2].periods).toHaveLength(50);
    expect(results[3].periods.map((p) => p.kwh)).toEqual(settlementPeriodStarts('2026-11-30').map((start) => syntheticHalfHourKwh(exporter.mpan, 'EXPORT', start)));
    const dayEnd = settlementDayStart('2026-12-01');
    expect(results[4]).toMatchObject({ outcome: 'COMPLETE', periods: [], registers: [{ register: 'IMPORT', kwh: syntheticRegisterKwh(logged.mpan, 'IMPORT', dayEnd), readAt: dayEnd.toISOString() }] });
  });

  it('reports partial data as partial, never inventing the missing half hours, and retries through throttling', async () => {
    const patchy = meter(10);
    await bed.simulator.behave('CSP-NORTH', { partialRate: 1 }, patchy.deviceId);
    await bed.simulator.behave('CSP-CENTRAL', { maxRequestsPerSecond: 3 });
    const busy = [11, 12, 13, 14, 15, 16].map(meter);
    const commands = [bed.command({ ...patchy, provider: 'CSP-NORTH' }), ...busy.map((m) => bed.command({ ...m, provider: 'CSP-CENTRAL' }))];
    await bed.send(Topics.smets2Commands, commands);
    const [partial, ...throttled] = await bed.resultsFor(commands);
    expect(partial).toMatchObject({ outcome: 'PARTIAL', failureCode: 'MISSING_PERIODS', failureReason: 'MISSING_PERIODS: 7 of 48 half hours missing' });
    const missing = partial.periods.filter((p) => p.quality === 'MISSING');
    expect(missing.map((p) => Object.keys(p).sort())).toEqual(Array(7).fill(['quality', 'start']));
    expect(throttled.map((r) => r.outcome)).toEqual(Array(6).fill('COMPLETE'));
    expect((await bed.simulator.stats('CSP-CENTRAL')).throttled).toBeGreaterThan(0);
    await bed.simulator.behave('CSP-CENTRAL', { maxRequestsPerSecond: 0 });
  });

  it('opens the breaker on a provider outage, fails reads at once with a reason, and closes when the provider returns', async () => {
    await bed.simulator.behave('CSP-SOUTH', { down: true });
    const first = [20, 21, 22, 23, 24, 25].map((n) => bed.command({ ...meter(n), provider: 'CSP-SOUTH' }));
    await bed.send(Topics.smets2Commands, first);
    const failed = await bed.resultsFor(first);
    expect(failed.every((r) => r.outcome === 'FAILED' && r.periods.length === 0)).toBe(true);
    expect(failed.map((r) => r.failureCode)).toContain('PROVIDER_UNAVAILABLE');
    expect(await bed.service.metric('halfhour_adapter_breaker_state', { provider: 'CSP-SOUTH' })).toBe(2);
    const readsWhileOpen = (await bed.simulator.stats('CSP-SOUTH')).reads;
    const during = [bed.command({ ...meter(26), provider: 'CSP-SOUTH' })];
    await bed.send(Topics.smets2Commands, during);
    expect((await bed.resultsFor(during))[0].failureCode).toBe('PROVIDER_UNAVAILABLE');
    expect((await bed.simulator.stats('CSP-SOUTH')).reads).toBe(readsWhileOpen);

    await bed.simulator.behave('CSP-SOUTH', { down: false });
    await eventually(async () => {
      const probe = [bed.command({ ...meter(27), provider: 'CSP-SOUTH' })];
      await bed.send(Topics.smets2Commands, probe);
      expect((await bed.resultsFor(probe))[0].outcome).toBe('COMPLETE');
    }, 20_000, 500);
    expect(await bed.service.metric('halfhour_adapter_breaker_state', { provider: 'CSP-SOUTH' })).toBe(0);
    expect(await bed.service.metric('halfhour_adapter_provider_calls_total', { provider: 'CSP-SOUTH', outcome: 'PROVIDER_UNAVAILABLE' })).toBeGreaterThan(0);
  });

  it('reads a command delivered again only once, and publishes its result only once', async () => {
    const command = bed.command({ ...meter(30), provider: 'CSP-CENTRAL' });
    const readsBefore = (await bed.simulator.stats('CSP-CENTRAL')).reads;
    await bed.send(Topics.smets2Commands, [command]);
    await bed.resultsFor([command]);
    await bed.send(Topics.smets2Commands, [command, command]);
    await eventually(async () => expect(await bed.service.metric('halfhour_adapter_redelivered_commands_total', { outcome: 'published_before' })).toBe(1));
    expect((await bed.simulator.stats('CSP-CENTRAL')).reads - readsBefore).toBe(1);
    const results = (await bed.readAll(bed.topicName(Topics.readResults))).filter((m) => JSON.parse(m.value!.toString()).commandId === command.commandId);
    expect(results).toHaveLength(1);
  });

  it('answers a command whose read a crash cut short as FAILED: INTERRUPTED, without calling the meter again', async () => {
    const slow = meter(31);
    await bed.simulator.behave('CSP-SOUTH', { latencyMs: [60_000, 60_000] }, slow.deviceId);
    const command = bed.command({ ...slow, provider: 'CSP-SOUTH' });
    const readsBefore = (await bed.simulator.stats('CSP-SOUTH')).reads;
    await bed.service.stop();
    bed.service = await bed.adapterProcess({ CALL_TIMEOUT_MS: '120000' }).start();
    await bed.send(Topics.smets2Commands, [command]);
    await eventually(async () => expect((await bed.simulator.stats('CSP-SOUTH')).reads - readsBefore).toBe(1));
    await bed.service.stop('SIGKILL');

    bed.service = await bed.adapterProcess().start();
    const [result] = await bed.resultsFor([command]);
    expect(result).toMatchObject({ outcome: 'FAILED', periods: [] });
    expect(result).toMatchObject({ failureCode: 'INTERRUPTED', failureReason: expect.stringMatching(/^INTERRUPTED: /) });
    expect(await bed.service.metric('halfhour_adapter_redelivered_commands_total', { outcome: 'interrupted' })).toBe(1);
    expect((await bed.simulator.stats('CSP-SOUTH')).reads - readsBefore).toBe(1);
  });

  it('has a command record its migrations build exactly, and take down', async () => {
    expect(await migrationRoundTrip(ADAPTER_ENTITIES, ADAPTER_MIGRATIONS)).toEqual({
      applied: ADAPTER_MIGRATIONS.map((m) => m.name), pendingAfterUp: [], tablesAfterDown: [],
    });
  });
});
