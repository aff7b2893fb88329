import { ServiceResponse } from '@halfhour/contracts';
import { answersExpected, Population } from '@halfhour/simulation';

/** What the abuse campaign's hostile requests got: per kind, how many were tried and refused as designed. */
export interface AbuseTally {
  byKind: Record<string, { tried: number; refused: number }>;
  /** Data answers to hostile requests: data released to someone not entitled to it. Must be 0. */
  dataReleased: number;
  ok: boolean;
}

/** Each hostile request (the population's `abuse` ones) answered once, with its refusal code, and never with data. */
export function abuseTally(population: Population, sent: readonly { request: { requestId: string }; index: number }[], answers: readonly ServiceResponse[]): AbuseTally {
  const byRequest = new Map<string, ServiceResponse[]>();
  for (const answer of answers) byRequest.set(answer.requestId, [...(byRequest.get(answer.requestId) ?? []), answer]);
  const byKind: AbuseTally['byKind'] = {};
  let dataReleased = 0;
  for (const { request, index } of sent) {
    const designed = population.requests[index];
    if (!designed.abuse) continue;
    const got = byRequest.get(request.requestId) ?? [];
    dataReleased += got.filter((answer) => answer.outcome === 'DATA').length;
    const tally = (byKind[designed.abuse] ??= { tried: 0, refused: 0 });
    tally.tried += 1;
    if (got.map((answer) => answer.responseCode).join() === answersExpected(designed).join()) tally.refused += 1;
  }
  const kinds = Object.values(byKind);
  return { byKind, dataReleased, ok: dataReleased === 0 && kinds.every((k) => k.refused === k.tried) };
}

export function abuseLine(tally: AbuseTally): string {
  const kinds = Object.entries(tally.byKind).sort().map(([kind, { tried, refused }]) => `${kind} ${refused}/${tried}`).join(', ');
  return `Abuse campaign (refused as designed / tried): ${kinds || 'none sent'}; data released to the unentitled: ${tally.dataReleased}`;
}
