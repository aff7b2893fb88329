import { settlementPeriodStarts } from '@halfhour/domain';
import { Population, syntheticHalfHourKwh } from '@halfhour/simulation';
import type { DipMpanDay } from '../delivery-check';

/** For tests: the MPAN-day of `key` ("mpan|srv|date") as the DIP would hold it had it arrived once, whole, with the meter's values. */
export function deliveredAsDesigned(population: Population, key: string): DipMpanDay {
  const [mpanCore, srv, settlementDate] = key.split('|');
  const direction = population.meters.find((m) => m.mpan === mpanCore)?.direction ?? 'IMPORT';
  const kwh = settlementPeriodStarts(settlementDate).map((start) => syntheticHalfHourKwh(mpanCore, direction, start));
  return { mpanCore, srv, settlementDate, references: [`${key}#1`], complete: true, kwh };
}
