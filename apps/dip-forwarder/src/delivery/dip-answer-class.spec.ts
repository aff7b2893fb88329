import fc from 'fast-check';
import { classifyDipAnswer, retryAfterMs } from './dip-answer-class';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('DIP answer classes', () => {
  it('accepts on 2xx, refuses for good only on a 4xx about the data, and retries everything else', () => {
    const kinds = Object.fromEntries([200, 202, 400, 401, 403, 404, 408, 409, 413, 422, 425, 429, 500, 502, 503, 504].map((status) => {
      const answer = classifyDipAnswer(status, undefined, NOW);
      return [status, answer.kind === 'FAILED' ? answer.cause : answer.kind];
    }));
    expect(kinds).toEqual({
      200: 'ACCEPTED', 202: 'ACCEPTED',
      400: 'REFUSED', 404: 'REFUSED', 409: 'REFUSED', 413: 'REFUSED', 422: 'REFUSED',
      401: 'unauthorised', 403: 'unauthorised', 408: 'timeout', 504: 'timeout', 425: 'throttled', 429: 'throttled',
      500: 'unavailable', 502: 'unavailable', 503: 'unavailable',
    });
  });

  it('honours Retry-After given in seconds or as a date', () => {
    expect(classifyDipAnswer(429, '7', NOW)).toEqual({ kind: 'FAILED', cause: 'throttled', retryAfterMs: 7000 });
    expect(classifyDipAnswer(503, 'Tue, 01 Dec 2026 12:00:30 GMT', NOW)).toEqual({ kind: 'FAILED', cause: 'unavailable', retryAfterMs: 30_000 });
    expect(retryAfterMs('Tue, 01 Dec 2026 11:00:00 GMT', NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
    expect(retryAfterMs('-5', NOW)).toBeUndefined();
  });

  it('never calls a failure final and never retries a refusal, for any status', () => {
    fc.assert(fc.property(fc.integer({ min: 100, max: 599 }), (status) => {
      const answer = classifyDipAnswer(status, undefined, NOW);
      if (status >= 200 && status < 300) expect(answer.kind).toBe('ACCEPTED');
      else if (answer.kind === 'REFUSED') expect([401, 403, 408, 425, 429].includes(status) || status < 400 || status >= 500).toBe(false);
      else expect(answer.kind).toBe('FAILED');
    }));
  });
});
