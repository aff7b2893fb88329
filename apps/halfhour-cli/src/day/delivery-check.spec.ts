import { settlementPeriodStarts } from '@halfhour/domain';
import { DEFAULT_POPULATION_SETTINGS, generatePopulation, syntheticHalfHourKwh } from '@halfhour/simulation';
import { checkDeliveries, DeliveryCheck, DipMpanDay } from './delivery-check';

const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, mpans: 200, dataDay: '2026-12-01' });
const direction = new Map(population.meters.map((m) => [m.mpan, m.direction]));

function delivered(key: string): DipMpanDay {
  const [mpanCore, srv, settlementDate] = key.split('|');
  const kwh = settlementPeriodStarts(settlementDate).map((start) => syntheticHalfHourKwh(mpanCore, direction.get(mpanCore)!, start));
  return { mpanCore, srv, settlementDate, references: [`${key}#1`], complete: true, kwh };
}

describe('the check of what reached the DIP', () => {
  const days = [...population.expectedDeliveries].map(delivered);
  const wrong = days.map((day, i) => (i % 3 === 0 ? { ...day, kwh: day.kwh.map((v) => (v ?? 0) + 1) } : day)).slice(5);

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
