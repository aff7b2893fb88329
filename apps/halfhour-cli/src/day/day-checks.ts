import { ServiceResponse } from '@halfhour/contracts';
import { settlementPeriodStarts } from '@halfhour/domain';
import { answersExpected, deliveryKey, Population, syntheticHalfHourKwh } from '@halfhour/simulation';
import type { DipMpanDay, SentRequest } from './day-report';
import { UserAnswers } from './user-answers';

/** Every expected MPAN-day at the DIP exactly once, complete, with the meter's values; nothing else. */
export function checkDeliveries(population: Population, delivered: readonly DipMpanDay[]) {
  const byKey = new Map(delivered.map((d) => [deliveryKey(d.mpanCore, d.srv, d.settlementDate), d]));
  const direction = new Map(population.meters.map((m) => [m.mpan, m.direction]));
  const missing = [...population.expectedDeliveries].filter((key) => !byKey.has(key));
  const unexpected = [...byKey.keys()].filter((key) => !population.expectedDeliveries.has(key));
  const notOnce = delivered.filter((d) => d.references.length !== 1 || !d.complete).map((d) => deliveryKey(d.mpanCore, d.srv, d.settlementDate));
  const wrongValues = delivered
    .filter((d) => {
      const expected = settlementPeriodStarts(d.settlementDate).map((start) => syntheticHalfHourKwh(d.mpanCore, direction.get(d.mpanCore) ?? 'IMPORT', start));
      return JSON.stringify(expected) !== JSON.stringify(d.kwh);
    })
    .map((d) => deliveryKey(d.mpanCore, d.srv, d.settlementDate));
  return {
    expected: population.expectedDeliveries.size, delivered: delivered.length,
    missing: missing.slice(0, 20), missingCount: missing.length,
    unexpected: unexpected.slice(0, 20), unexpectedCount: unexpected.length,
    notExactlyOnce: notOnce.slice(0, 20), notExactlyOnceCount: notOnce.length,
    wrongValues: wrongValues.slice(0, 20), wrongValuesCount: wrongValues.length,
    ok: missing.length + unexpected.length + notOnce.length + wrongValues.length === 0,
  };
}

/** Each request answered as the population's design says: its decision, then DATA or E41. */
export function checkResponses(population: Population, sent: readonly SentRequest[], { answers, repeatsDropped }: UserAnswers) {
  const byRequest = new Map<string, ServiceResponse[]>();
  for (const response of answers) byRequest.set(response.requestId, [...(byRequest.get(response.requestId) ?? []), response]);
  const mismatches: { requestId: string; expected: string; got: string[] }[] = [];
  for (const { request, index } of sent) {
    const got = (byRequest.get(request.requestId) ?? []).map((r) => (r.outcome === 'DATA' ? 'DATA' : r.responseCode));
    const wanted = answersExpected(population.requests[index]);
    const matches = wanted.length === got.length && [...wanted].sort().join() === [...got].sort().join();
    if (!matches) mismatches.push({ requestId: request.requestId, expected: wanted.join('+'), got });
  }
  return { requests: sent.length, matching: sent.length - mismatches.length, mismatches: mismatches.slice(0, 20), mismatchCount: mismatches.length, repeatsDropped, ok: mismatches.length === 0 };
}
