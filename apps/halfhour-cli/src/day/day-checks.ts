import { answersExpected, Population } from '@halfhour/simulation';
import type { SentRequest } from './day-report';
import { UserAnswers } from './user-answers';

/** Each request answered as the population's design says: its decision, then DATA or E41. */
export function checkResponses(population: Population, sent: readonly SentRequest[], { codesByRequest, repeatsDropped }: UserAnswers) {
  const mismatches: { requestId: string; expected: string; got: readonly string[] }[] = [];
  let mismatchCount = 0;
  for (const { requestId, index } of sent) {
    const got = codesByRequest.get(requestId) ?? [];
    const wanted = answersExpected(population.requests[index]);
    const matches = wanted.length === got.length && [...wanted].sort().join() === [...got].sort().join();
    if (!matches && mismatchCount++ < 20) mismatches.push({ requestId, expected: wanted.join('+'), got });
  }
  return { requests: sent.length, matching: sent.length - mismatchCount, mismatches, mismatchCount, repeatsDropped, ok: mismatchCount === 0 };
}
