import { answersExpected, Population } from '@halfhour/simulation';
import type { SentRequest } from './day-report';

/** What the abuse campaign's hostile requests got: per kind, how many were tried and refused as designed. */
export interface AbuseTally {
  byKind: Record<string, { tried: number; refused: number }>;
  /** Data answers to hostile requests: data released to someone not entitled to it. Must be 0. */
  dataReleased: number;
  ok: boolean;
}

/** Each hostile request (the population's `abuse` ones) answered once, with its refusal code, and never with data. */
export function abuseTally(population: Population, sent: readonly SentRequest[], codesByRequest: ReadonlyMap<string, readonly string[]>): AbuseTally {
  const byKind: AbuseTally['byKind'] = {};
  let dataReleased = 0;
  for (const { requestId, index } of sent) {
    const designed = population.requests[index];
    if (!designed.abuse) continue;
    const got = codesByRequest.get(requestId) ?? [];
    dataReleased += got.filter((code) => code === 'DATA' || code === 'VALUES').length;
    const tally = (byKind[designed.abuse] ??= { tried: 0, refused: 0 });
    tally.tried += 1;
    if (got.join() === answersExpected(designed).join()) tally.refused += 1;
  }
  const kinds = Object.values(byKind);
  return { byKind, dataReleased, ok: dataReleased === 0 && kinds.every((k) => k.refused === k.tried) };
}

export function abuseLine(tally: AbuseTally): string {
  const kinds = Object.entries(tally.byKind).sort().map(([kind, { tried, refused }]) => `${kind} ${refused}/${tried}`).join(', ');
  return `Abuse campaign (refused as designed / tried): ${kinds || 'none sent'}; data released to the unentitled: ${tally.dataReleased}`;
}
