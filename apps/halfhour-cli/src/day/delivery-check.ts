import { settlementPeriodStarts } from '@halfhour/domain';
import { deliveryKey, Population, syntheticHalfHourKwh } from '@halfhour/simulation';

/** One MPAN-day as the (simulated) DIP holds it: every message accepted for it, and the values of the complete one. */
export interface DipMpanDay { mpanCore: string; srv: string; settlementDate: string; references: string[]; complete: boolean; kwh: (number | null)[] }

/**
 * Every expected MPAN-day at the DIP exactly once, complete, with the meter's values; nothing else —
 * checked a page of the DIP's MPAN-days at a time, so a national day is never held whole.
 */
export class DeliveryCheck {
  private readonly direction: ReadonlyMap<string, 'IMPORT' | 'EXPORT'>;
  private readonly seen = new Set<string>();
  private readonly mpansOnDataDay = new Set<string>();
  private readonly unexpected = new Findings();
  private readonly notOnce = new Findings();
  private readonly wrongValues = new Findings();
  private delivered = 0;

  constructor(private readonly population: Population) {
    this.direction = new Map(population.meters.map((m) => [m.mpan, m.direction]));
  }

  add(days: Iterable<DipMpanDay>): void {
    for (const day of days) {
      const key = deliveryKey(day.mpanCore, day.srv, day.settlementDate);
      this.delivered += 1;
      if (day.settlementDate === this.population.settings.dataDay) this.mpansOnDataDay.add(day.mpanCore);
      if (this.population.expectedDeliveries.has(key)) this.seen.add(key);
      else this.unexpected.add(key);
      if (day.references.length !== 1 || !day.complete) this.notOnce.add(key);
      const expected = settlementPeriodStarts(day.settlementDate).map((start) => syntheticHalfHourKwh(day.mpanCore, this.direction.get(day.mpanCore) ?? 'IMPORT', start));
      if (JSON.stringify(expected) !== JSON.stringify(day.kwh)) this.wrongValues.add(key);
    }
  }

  result() {
    const missing = new Findings();
    for (const key of this.population.expectedDeliveries) if (!this.seen.has(key)) missing.add(key);
    const { unexpected, notOnce, wrongValues } = this;
    return {
      expected: this.population.expectedDeliveries.size, delivered: this.delivered, mpansWithDataOnDataDay: this.mpansOnDataDay.size,
      missing: missing.first, missingCount: missing.count,
      unexpected: unexpected.first, unexpectedCount: unexpected.count,
      notExactlyOnce: notOnce.first, notExactlyOnceCount: notOnce.count,
      wrongValues: wrongValues.first, wrongValuesCount: wrongValues.count,
      ok: missing.count + unexpected.count + notOnce.count + wrongValues.count === 0,
    };
  }
}

/** How many keys a check found, and the first 20 of them to name in the report. */
class Findings {
  readonly first: string[] = [];
  count = 0;

  add(key: string): void {
    if (this.count++ < 20) this.first.push(key);
  }
}

export type DeliveryFindings = ReturnType<DeliveryCheck['result']>;

export function checkDeliveries(population: Population, delivered: Iterable<DipMpanDay>): DeliveryFindings {
  const check = new DeliveryCheck(population);
  check.add(delivered);
  return check.result();
}
