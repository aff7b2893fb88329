import fc from 'fast-check';
import { planningDeadlineMs } from './planning-deadline';

describe('planning deadline', () => {
  it('keeps the margin where the window allows, half the window where it does not, and never passes the deadline', () => {
    const hour = 3_600_000;
    expect(planningDeadlineMs(0, 24 * hour, hour)).toBe(23 * hour);
    expect(planningDeadlineMs(0, 30_000, hour)).toBe(15_000);
    fc.assert(fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e8), (earliest, window, margin) => {
      const planned = planningDeadlineMs(earliest, earliest + window, margin);
      expect(planned).toBeLessThanOrEqual(earliest + window);
      expect(planned).toBeGreaterThanOrEqual(earliest + window / 2);
    }));
  });
});
