import { isValidEui64, isValidMpanCore } from '@halfhour/domain';
import { DEFAULT_POPULATION_SETTINGS, deliveryKey, generatePopulation, PopulationSettings } from './population';

const settings: PopulationSettings = { ...DEFAULT_POPULATION_SETTINGS, mpans: 20_000, dataDay: '2026-12-01' };

describe('the simulated population', () => {
  const population = generatePopulation(settings);
  const share = (predicate: (m: (typeof population.meters)[number]) => boolean) => population.meters.filter(predicate).length / population.meters.length;

  it('is the same for the same seed, and another for another', () => {
    const again = generatePopulation(settings);
    expect(again.meters).toEqual(population.meters);
    expect(again.requests).toEqual(population.requests);
    expect(generatePopulation({ ...settings, seed: 7 }).meters).not.toEqual(population.meters);
  });

  it('has valid, distinct identifiers', () => {
    expect(population.meters.every((m) => isValidMpanCore(m.mpan) && isValidEui64(m.deviceId))).toBe(true);
    expect(new Set(population.meters.map((m) => m.mpan)).size).toBe(settings.mpans);
    expect(new Set(population.meters.map((m) => m.deviceId)).size).toBe(settings.mpans);
  });

  it('has the brief’s mixes: SMETS1 share, 25 % MDR-collected, every CSP region, a few opted out and export MPANs', () => {
    expect(share((m) => m.generation === 1)).toBeCloseTo(14.6 / 33.5, 1);
    expect(share((m) => m.mdr !== undefined)).toBeCloseTo(0.25, 1);
    expect(share((m) => m.consent === 'DOMESTIC_OPTED_OUT')).toBeCloseTo(0.04, 1);
    expect(share((m) => m.direction === 'EXPORT')).toBeCloseTo(0.03, 1);
    for (const region of ['NORTH', 'CENTRAL', 'SOUTH']) expect(share((m) => m.provider.kind === 'CSP' && m.provider.region === region)).toBeGreaterThan(0.1);
  });

  it('expects one delivery per MPAN-day with at least one requester still entitled, and E41 for each requester that is not', () => {
    const stopped = population.requests.filter((r) => r.expected.outcomes.includes('E41'));
    const ended = new Set(population.changes.filter((c) => c.kind !== 'APPOINTMENT_STARTS').map((c) => c.mpan));
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((r) => ended.has(r.mpan))).toBe(true);
    const delivering = population.requests.filter((r) => r.expected.outcomes.includes('DATA'));
    const keys = new Set(delivering.map((r) => deliveryKey(r.mpan, r.srv, r.schedule?.startDate ?? r.days!.from)));
    expect(population.expectedDeliveries).toEqual(keys);
    // An opted-out MPAN is never read; a refused request never expects data.
    const optedOut = new Set(population.meters.filter((m) => m.consent === 'DOMESTIC_OPTED_OUT').map((m) => m.mpan));
    expect([...population.expectedDeliveries].some((key) => optedOut.has(key.split('|')[0]))).toBe(false);
    expect(population.requests.filter((r) => r.expected.decision !== 'I0').every((r) => r.expected.outcomes.length === 0)).toBe(true);
  });

  it('has some suppliers read their own MPANs’ day before for business as usual: answered with the values, never expected at the DIP', () => {
    const bau = population.requests.filter((r) => r.purpose === 'BAU');
    const supplierCollected = population.meters.filter((m) => !m.mdr && m.consent !== 'DOMESTIC_OPTED_OUT').length;
    expect(bau.length).toBeGreaterThan(supplierCollected * 0.01);
    expect(bau.every((r) => ['IS', 'ES'].includes(r.role) && r.phase === 'ON_DEMAND' && r.days?.from === '2026-11-30')).toBe(true);
    expect(bau.every((r) => r.expected.decision === 'I0' && r.expected.outcomes.join() === 'VALUES')).toBe(true);
    expect(bau.some((r) => population.expectedDeliveries.has(deliveryKey(r.mpan, r.srv, r.days!.from)))).toBe(false);
    // Drawn from their own stream: the rest of the seed's population is as it was without them.
    const withoutBau = generatePopulation({ ...settings, supplierBauShare: 0 }).requests;
    expect(withoutBau).toEqual(population.requests.filter((r) => r.purpose !== 'BAU'));
  });

  it('spoils some requests on purpose, each with the code it must get', () => {
    const codes = population.requests.filter((r) => r.expected.decision !== 'I0' && !r.abuse).map((r) => r.expected.decision);
    expect(new Set(codes)).toEqual(new Set(['E13', 'E14', 'E15', 'E31', 'E32', 'E34', 'E35', 'E37']));
  });

  it('sends the abuse campaign’s hostile requests from registered users, each to be refused with its code', () => {
    const hostile = population.requests.filter((r) => r.abuse);
    expect(hostile.map((r) => `${r.abuse} ${r.role} ${r.expected.decision}`).sort()).toEqual([
      'DELETED_USER MDR E10', 'NO_RELATIONSHIP ED E38', 'NO_RELATIONSHIP GS E39', 'NO_RELATIONSHIP GT E39', 'NO_RELATIONSHIP OU E39',
      'PERIOD_IN_FUTURE MDR E27', 'PERIOD_OF_CENTURIES MDR E28', 'REVOKED_USER MDR E12', 'UNKNOWN_MPAN_PROBE MDR E31',
    ]);
    expect(hostile.every((r) => r.expected.outcomes.length === 0)).toBe(true);
  });
});
