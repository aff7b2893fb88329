/** A provider declared out (`out`) or back, as the capacity audit records the scheduler's own changes. */
export interface OutageChange { provider: string; changedAt: Date; out: boolean }
/** When a provider was out; `to` null while it still is. */
export interface OutagePeriod { provider: string; from: string; to: string | null }

/** The outages that overlap [since, until), from the audit's outage changes in the order they were made. */
export function outagePeriods(changes: readonly OutageChange[], since: Date, until: Date): OutagePeriod[] {
  const periods: OutagePeriod[] = [];
  const open = new Map<string, Date>();
  const close = (provider: string, to: Date | null) => {
    const from = open.get(provider)!;
    open.delete(provider);
    if (from < until && (to === null || to > since)) periods.push({ provider, from: from.toISOString(), to: to?.toISOString() ?? null });
  };
  for (const change of [...changes].sort((a, b) => new Date(a.changedAt).getTime() - new Date(b.changedAt).getTime())) {
    const at = new Date(change.changedAt);
    if (change.out && !open.has(change.provider)) open.set(change.provider, at);
    else if (!change.out && open.has(change.provider)) close(change.provider, at);
  }
  for (const provider of [...open.keys()]) close(provider, null);
  return periods.sort((a, b) => a.provider.localeCompare(b.provider) || a.from.localeCompare(b.from));
}
