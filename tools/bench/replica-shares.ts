import { MetricsSnapshot } from '../../apps/halfhour-cli/src/day/metrics-reader';
import { SCRAPED_SERVICES, StackMetrics } from '../../apps/halfhour-cli/src/day/stack-view';

/** What each replica of a service did over the day: the messages it consumed, and what it sent on. */
export interface ReplicaShare {
  service: string;
  /** Per process (`scheduler-1`, …): messages consumed from its topics. */
  consumed: Record<string, number>;
  /** Per process: what it sent on — the DIP forwarder's MPAN-days delivered, every other service's messages published (the scheduler's and the registry's through their outbox relays). */
  sentOn: Record<string, number>;
}

/** Each service's replicas' shares, from the day's last scrape (its samples labelled by `instance`, the process's URL). */
export function replicaShares(end: StackMetrics, processNameOf: (instance: string) => string): ReplicaShare[] {
  return (Object.entries(SCRAPED_SERVICES) as [keyof StackMetrics, string][]).map(([key, service]) => {
    const snapshot: MetricsSnapshot = end[key];
    const byProcess = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).map(([instance, n]) => [processNameOf(instance), n]).sort(([a], [b]) => String(a).localeCompare(String(b))));
    const sentOn = key === 'dip'
      ? snapshot.by('halfhour_dip_messages_total', 'instance', { outcome: 'delivered' })
      : snapshot.by('halfhour_producer_messages_total', 'instance');
    return { service, consumed: byProcess(snapshot.by('halfhour_consumer_messages_total', 'instance')), sentOn: byProcess(sentOn) };
  });
}

/** One line per service: each replica's share of what the service consumed and sent on, and the largest share's excess over an even split. */
export function describeShares(shares: readonly ReplicaShare[]): string[] {
  const split = (counts: Record<string, number>) => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total === 0) return 'none';
    return `${Object.entries(counts).map(([name, n]) => `${name} ${((n / total) * 100).toFixed(0)} %`).join(' | ')} of ${total.toLocaleString('en-GB')}`;
  };
  return shares.map((s) => `${s.service.padEnd(20)} consumed ${split(s.consumed)}; sent on ${split(s.sentOn)}`);
}
