import { RequestAuthorised } from '@halfhour/contracts';
import { chunkOfDays, ON_DEMAND_CHUNK_DAYS } from './on-demand-items';

const request = (from: string, to: string) => ({ days: { from, to } }) as RequestAuthorised;

describe('the days an on-demand request reads, a chunk at a time', () => {
  it('takes a month at most, and says where the next chunk starts', () => {
    const first = chunkOfDays(request('2025-11-01', '2026-12-01'), '2025-11-01', '2026-12-01');
    expect(first.days).toHaveLength(ON_DEMAND_CHUNK_DAYS);
    expect(first.days[0]).toBe('2025-11-01');
    expect(first.next).toBe('2025-12-02');
  });

  it('ends with the period, or with today, whichever is first', () => {
    expect(chunkOfDays(request('2026-11-30', '2026-12-01'), '2026-11-30', '2026-12-05')).toEqual({ days: ['2026-11-30'] });
    const endless = chunkOfDays(request('2026-11-29', '9999-12-31'), '2026-11-29', '2026-12-01');
    expect(endless).toEqual({ days: ['2026-11-29', '2026-11-30', '2026-12-01'] });
  });
});
