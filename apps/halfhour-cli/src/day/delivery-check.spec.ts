import { DEFAULT_POPULATION_SETTINGS, generatePopulation } from '@halfhour/simulation';
import { checkDeliveries, DeliveryCheck } from './delivery-check';
import { deliveredAsDesigned } from './testing/delivered-as-designed';

const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, mpans: 200, dataDay: '2026-12-01' });
const delivered = (key: string) => deliveredAsDesigned(population, key);

describe('the check of what reached the DIP', () => {
  const days = [...population.expectedDeliveries].map(delivered);
  const wrong = days.map((day, i) => (i % 3 === 0 ? { ...day, kwh: day.kwh.map((v) => (v ?? 0) + 1) } : day)).slice(5);

  it('names what is missing, unexpected, sent twice or wrong', () => {
    const [first, second, third, ...rest] = days;
    const twice = { ...second, references: [...second.references, 'again'] };
    const misread = { ...third, kwh: third.kwh.map((v) => (v ?? 0) + 1) };
    const stranger = delivered(`${population.meters[0].mpan}|4.8.1|2026-11-01`);
    const checks = checkDeliveries(population, [twice, misread, stranger, ...rest]);
    expect(checks).toMatchObject({ ok: false, missing: [`${first.mpanCore}|${first.srv}|${first.settlementDate}`], unexpectedCount: 1, notExactlyOnceCount: 1, wrongValuesCount: 1 });
  });

  it('finds the same a page at a time as all at once', () => {
    const check = new DeliveryCheck(population);
    for (let i = 0; i < wrong.length; i += 7) check.add(wrong.slice(i, i + 7));
    expect(check.result()).toEqual(checkDeliveries(population, wrong));
  });

  it('counts every finding and names the first 20', () => {
    const findings = checkDeliveries(population, wrong);
    const wrongCount = days.filter((_, i) => i % 3 === 0 && i >= 5).length;
    expect(findings).toMatchObject({ ok: false, missingCount: 5, wrongValuesCount: wrongCount, delivered: days.length - 5 });
    expect(wrongCount).toBeGreaterThan(20);
    expect(findings.wrongValues).toHaveLength(20);
    expect(findings.mpansWithDataOnDataDay).toBe(new Set(wrong.filter((d) => d.settlementDate === '2026-12-01').map((d) => d.mpanCore)).size);
  });
});
