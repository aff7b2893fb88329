import { capacityOf, CapacitySettings, ProviderCapacity } from '@halfhour/domain';
import type { CapacityChange } from '../capacity/capacity-book';
import { OutagePeriod } from './outage-periods';

/** An operator's change of a provider's figures, as the capacity audit records it. */
export type OperatorCapacityChange = Omit<CapacityChange, 'released'>;

/** The capacity that was in force for a provider at a moment (ms since the epoch). */
export type CapacityAt = (provider: string, at: number) => ProviderCapacity;

/**
 * The capacity in force at any moment of a past or present day, rebuilt from the audit: the
 * operator's figures as they stood then (the change before it, or what the first change after it
 * replaced, or today's figures when nothing changed), cut to the outage share while the provider
 * was out. A day's report charts this, so a cut at 10:00 shows from 10:00, not all day.
 */
export function capacityHistory(
  configuredNow: CapacitySettings,
  operatorChanges: readonly OperatorCapacityChange[],
  outages: readonly OutagePeriod[],
  cutForOutage: (capacity: ProviderCapacity) => ProviderCapacity,
): CapacityAt {
  const changesOf = new Map<string, { at: number; previous: ProviderCapacity; current: ProviderCapacity }[]>();
  for (const change of operatorChanges) {
    const list = changesOf.get(change.provider) ?? [];
    list.push({ at: new Date(change.changedAt).getTime(), previous: change.previous, current: change.current });
    changesOf.set(change.provider, list);
  }
  for (const list of changesOf.values()) list.sort((a, b) => a.at - b.at);
  const cuts = new Map<ProviderCapacity, ProviderCapacity>();
  const cut = (capacity: ProviderCapacity) => cuts.get(capacity) ?? cuts.set(capacity, cutForOutage(capacity)).get(capacity)!;
  const wasOut = (provider: string, at: number) =>
    outages.some((o) => o.provider === provider && Date.parse(o.from) <= at && (o.to === null || at < Date.parse(o.to)));

  return (provider, at) => {
    const changes = changesOf.get(provider) ?? [];
    const before = changes.filter((c) => c.at <= at).at(-1);
    const configured = before?.current ?? changes[0]?.previous ?? capacityOf(configuredNow, provider);
    return wasOut(provider, at) ? cut(configured) : configured;
  };
}
