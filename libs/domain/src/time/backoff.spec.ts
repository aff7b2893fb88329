import fc from 'fast-check';
import { backoffDelayMs } from './backoff';

describe('retry backoff', () => {
  const settings = { initialDelayMs: 100, maxDelayMs: 30_000 };

  it('doubles from the initial delay, with jitter in the upper half', () => {
    expect(backoffDelayMs(1, settings, () => 0)).toBe(50);
    expect(backoffDelayMs(1, settings, () => 1)).toBe(100);
    expect(backoffDelayMs(4, settings, () => 1)).toBe(800);
  });

  it('never exceeds the cap and never falls below half of it once capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const delay = backoffDelayMs(attempt, settings, () => r);
        return delay <= settings.maxDelayMs && delay >= Math.min(settings.maxDelayMs, 100 * 2 ** (attempt - 1)) / 2 - 1;
      }),
    );
  });
});
