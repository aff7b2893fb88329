import { ServiceResponse } from '@halfhour/contracts';
import { generatePopulation, DEFAULT_POPULATION_SETTINGS } from '@halfhour/simulation';
import { abuseTally } from './abuse-tally';

const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, mpans: 200, dataDay: '2026-12-01' });
const hostile = population.requests.flatMap((r, index) => (r.abuse ? [{ request: { requestId: `req-${index}` }, index }] : []));
const answer = (requestId: string, responseCode: string, outcome: ServiceResponse['outcome'] = 'REFUSED') => ({ requestId, responseCode, outcome }) as ServiceResponse;

describe('the abuse campaign’s tally', () => {
  it('counts each kind tried and refused with its own code', () => {
    const tally = abuseTally(population, hostile, hostile.map(({ request, index }) => answer(request.requestId, population.requests[index].expected.decision)));
    expect(tally.ok).toBe(true);
    expect(Object.values(tally.byKind).reduce((n, k) => n + k.tried, 0)).toBe(9);
  });

  it('fails on a hostile request answered with data, or refused with another code, or not at all', () => {
    const [first, second, third] = hostile;
    const answers = hostile.slice(3).map(({ request, index }) => answer(request.requestId, population.requests[index].expected.decision));
    const leak = abuseTally(population, hostile, [...answers, answer(first.request.requestId, 'I0', 'DATA'), answer(second.request.requestId, 'E30')]);
    expect(leak).toMatchObject({ dataReleased: 1, ok: false });
    expect(Object.values(leak.byKind).reduce((n, k) => n + k.tried - k.refused, 0)).toBe(3);
    expect(third).toBeDefined();
  });
});
