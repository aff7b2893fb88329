import fc from 'fast-check';
import { backstopEarliestMs, DEFAULT_BACKSTOP_DELAY } from './backstop-delay';

const MINUTE = 60_000;
const delay = DEFAULT_BACKSTOP_DELAY;

describe('backstop delay', () => {
  const failedAt = (attempt: number, latestPlannableMs = 24 * 60 * MINUTE) => backstopEarliestMs({ dispatchedAtMs: 0, attempt, earliestMs: 0, latestPlannableMs }, delay);

  it('waits a slot after the first failed attempt, doubling after each further one, up to an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((attempt) => failedAt(attempt) / MINUTE)).toEqual([5, 10, 20, 40, 60, 60, 60]);
  });

  it('never waits past the last moment the read can still be planned, and retries at once once that has passed', () => {
    expect(failedAt(5, 25 * MINUTE) / MINUTE).toBe(25);
    expect(failedAt(5, -MINUTE)).toBe(0);
  });

  it('never brings a read forward of its own earliest moment', () => {
    expect(backstopEarliestMs({ dispatchedAtMs: 0, attempt: 1, earliestMs: 90 * MINUTE, latestPlannableMs: 600 * MINUTE }, delay)).toBe(90 * MINUTE);
  });

  it('holds for any failure: after the dispatch, within the cap, and within the planning window when one is left', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }),
      (dispatchedAtMs, attempt, earliestOffset, plannableOffset) => {
        const earliestMs = dispatchedAtMs + earliestOffset;
        const latestPlannableMs = dispatchedAtMs + plannableOffset;
        const retryAt = backstopEarliestMs({ dispatchedAtMs, attempt, earliestMs, latestPlannableMs }, delay);
        expect(retryAt).toBeGreaterThanOrEqual(earliestMs);
        expect(retryAt).toBeLessThanOrEqual(Math.max(earliestMs, dispatchedAtMs + delay.maxMs));
        if (retryAt > earliestMs) {
          expect(retryAt).toBeGreaterThanOrEqual(dispatchedAtMs);
          expect(retryAt).toBeLessThanOrEqual(Math.max(dispatchedAtMs, latestPlannableMs));
          if (latestPlannableMs >= dispatchedAtMs + delay.firstMs) expect(retryAt).toBeGreaterThanOrEqual(dispatchedAtMs + delay.firstMs);
        }
      },
    ));
  });
});
