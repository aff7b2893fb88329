import type { DipMpanDay } from './delivery-check';

/**
 * Every MPAN-day the SIMULATED DIP at `dipUrl` accepted, a page at a time in the order they
 * arrived, handed to `visit`; resolves with how many.
 */
export async function forEachDipMpanDayPage(dipUrl: string, visit: (days: DipMpanDay[]) => void): Promise<number> {
  let from: number | null = 0;
  let count = 0;
  while (from !== null) {
    const response = await fetch(`${dipUrl}/dip/mpan-days?from=${from}`);
    if (!response.ok) throw new Error(`the DIP simulator's MPAN-days from ${from} answered ${response.status}`);
    const page = (await response.json()) as { days: DipMpanDay[]; next: number | null };
    visit(page.days);
    count += page.days.length;
    from = page.next;
  }
  return count;
}

/** Every MPAN-day the SIMULATED DIP accepted, together: for tests of small days. */
export async function allDipMpanDays(dipUrl: string): Promise<DipMpanDay[]> {
  const days: DipMpanDay[] = [];
  await forEachDipMpanDayPage(dipUrl, (page) => days.push(...page));
  return days;
}
