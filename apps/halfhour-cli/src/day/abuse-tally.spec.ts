import { generatePopulation, DEFAULT_POPULATION_SETTINGS } from '@halfhour/simulation';
import { abuseTally } from './abuse-tally';

const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, mpans: 200, dataDay: '2026-12-01' });
const hostile = population.requests.flatMap((r, index) => (r.abuse ? [{ requestId: `req-${index}`, index }] : []));
const answered = (answers: [string, string][]) => new Map(answers.map(([requestId, code]) => [requestId, [code]]));

describe('the abuse campaign’s tally', () => {
  it('counts each kind tried and refused with its own code', () => {
    const tally = abuseTally(population, hostile, answered(hostile.map(({ requestId, index }) => [requestId, population.requests[index].expected.decision])));
    expect(tally.ok).toBe(true);
    expect(Object.values(tally.byKind).reduce((n, k) => n + k.tried, 0)).toBe(9);
  });

  it('fails on a hostile request answered with data, or refused with another code, or not at all', () => {
    const [first, second, third] = hostile;
    const answers = hostile.slice(3).map(({ requestId, index }): [string, string] => [requestId, population.requests[index].expected.decision]);
    const leak = abuseTally(population, hostile, answered([...answers, [first.requestId, 'DATA'], [second.requestId, 'E30']]));
    expect(leak).toMatchObject({ dataReleased: 1, ok: false });
    expect(Object.values(leak.byKind).reduce((n, k) => n + k.tried - k.refused, 0)).toBe(3);
    expect(third).toBeDefined();
  });
});
