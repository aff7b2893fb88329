import { settlementDayStart } from '../calendar/settlement-day';
import { earliestReadMs } from './read-timing';

describe('when a read of a day may be made', () => {
  const now = new Date('2026-03-29T09:00:00Z').getTime();

  it('reads registers at once, whatever the day', () => {
    for (const srv of ['4.1.1', '4.1.2', '4.2']) expect(earliestReadMs(srv, '2026-03-30', now)).toBe(now);
  });

  it('reads a day’s profile once the settlement day is over (a 23-hour day included), and a past day’s at once', () => {
    expect(earliestReadMs('4.8.1', '2026-03-29', now)).toBe(settlementDayStart('2026-03-30').getTime());
    expect(new Date(earliestReadMs('4.8.1', '2026-03-29', now)).toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(earliestReadMs('4.8.3', '2026-03-28', now)).toBe(now);
  });
});
