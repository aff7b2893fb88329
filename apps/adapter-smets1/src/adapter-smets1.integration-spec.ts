import { Topics } from '@halfhour/contracts';
import { mpanCoreFrom, settlementPeriodStarts } from '@halfhour/domain';
import { AdapterTestBed, migrationRoundTrip } from '@halfhour/service-testing';
import { syntheticHalfHourKwh } from '@halfhour/simulation';
import { SMETS1_CACHE_ENTITIES, SMETS1_CACHE_MIGRATIONS } from './cache/smets1-cache-schema';

let serial = Math.floor(Math.random() * 1e9);
const meter = (n: number) => ({ mpan: mpanCoreFrom('20', String(serial++).padStart(10, '0')), deviceId: `00-00-00-00-00-01-00-${String(n).padStart(2, '0')}`, provider: 'S1SP-A' });

describe('adapter-smets1 and its cache, against the simulated S1SP over HTTP', () => {
  let bed: AdapterTestBed;

  beforeAll(async () => {
    bed = await new AdapterTestBed('apps/adapter-smets1/src/main.ts').setUp();
    bed.service = await bed.adapterProcess().start();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('serves a repeat read from the cache without calling the S1SP, also after a restart', async () => {
    const m = meter(1);
    const first = bed.command(m);
    await bed.send(Topics.smets1Commands, [first]);
    const [fromMeter] = await bed.resultsFor([first]);
    expect(fromMeter).toMatchObject({ outcome: 'COMPLETE', source: 'METER' });
    expect(fromMeter.periods.map((p) => p.kwh)).toEqual(settlementPeriodStarts('2026-11-30').map((s) => syntheticHalfHourKwh(m.mpan, 'IMPORT', s)));
    const calls = (await bed.simulator.stats('S1SP-A')).reads;

    // A second requester's read, then the same after the adapter restarts: no S1SP call either time.
    const repeat = bed.command({ ...m, attempt: 2 });
    await bed.send(Topics.smets1Commands, [repeat]);
    const [fromCache] = await bed.resultsFor([repeat]);
    expect(fromCache).toMatchObject({ outcome: 'COMPLETE', source: 'CACHE' });
    expect(fromCache.periods).toEqual(fromMeter.periods);
    await bed.service.stop('SIGTERM');
    bed.service = await bed.adapterProcess().start();
    const afterRestart = bed.command({ ...m, attempt: 3 });
    await bed.send(Topics.smets1Commands, [afterRestart]);
    expect((await bed.resultsFor([afterRestart]))[0]).toMatchObject({ outcome: 'COMPLETE', source: 'CACHE' });
    expect((await bed.simulator.stats('S1SP-A')).reads).toBe(calls);
    expect(await bed.service.metric('halfhour_adapter_cache_lookups_total', { outcome: 'hit' })).toBe(1);
  });

  it('completes a partial read with a backstop, keeping the half hours it already had', async () => {
    const m = meter(2);
    await bed.simulator.behave('S1SP-A', { partialRate: 1 }, m.deviceId);
    const first = bed.command(m);
    await bed.send(Topics.smets1Commands, [first]);
    const [partial] = await bed.resultsFor([first]);
    expect(partial.outcome).toBe('PARTIAL');

    // The meter now misses other half hours: the cache fills them, and the result is complete.
    await bed.simulator.behave('S1SP-A', { partialRate: 0 }, m.deviceId);
    const backstop = bed.command({ ...m, attempt: 2 });
    await bed.send(Topics.smets1Commands, [backstop]);
    const [complete] = await bed.resultsFor([backstop]);
    expect(complete).toMatchObject({ outcome: 'COMPLETE', source: 'METER' });
    expect(complete.periods.map((p) => p.kwh)).toEqual(settlementPeriodStarts('2026-11-30').map((s) => syntheticHalfHourKwh(m.mpan, 'IMPORT', s)));
  });

  it('reports a meter that never answers as failed, with the reason', async () => {
    const m = meter(3);
    await bed.simulator.behave('S1SP-A', { timeoutRate: 1 }, m.deviceId);
    const command = bed.command(m);
    await bed.send(Topics.smets1Commands, [command]);
    const [result] = await bed.resultsFor([command]);
    expect(result).toMatchObject({ outcome: 'FAILED', periods: [], source: 'METER' });
    expect(result).toMatchObject({ failureCode: 'TIMEOUT', failureReason: expect.stringMatching(/^TIMEOUT: /) });
  });

  it('has a cache schema its migrations build exactly, and take down', async () => {
    expect(await migrationRoundTrip(SMETS1_CACHE_ENTITIES, SMETS1_CACHE_MIGRATIONS)).toEqual({
      applied: SMETS1_CACHE_MIGRATIONS.map((m) => m.name), pendingAfterUp: [], tablesAfterDown: [],
    });
  });
});
