import { MetricsSnapshot } from './metrics-reader';

/** Where the run's services listen (each service's first replica). */
export type ServiceUrls = Record<'intake' | 'access' | 'scheduler' | 'smets1' | 'smets2' | 'dip' | 'console' | 'providerSimulator' | 'dipSimulator', string>;

/** One look at every service's metrics, taken together: each service's replicas summed, as a dashboard sums over pods. */
export interface StackMetrics {
  intake: MetricsSnapshot;
  access: MetricsSnapshot;
  scheduler: MetricsSnapshot;
  smets1: MetricsSnapshot;
  smets2: MetricsSnapshot;
  dip: MetricsSnapshot;
}

/** Every replica's URL of each of the services the run scrapes. */
export type ReplicaUrls = Record<keyof StackMetrics, readonly string[]>;

/** The services' keys in StackMetrics and their names in the catalogue. */
export const SCRAPED_SERVICES: Record<keyof StackMetrics, string> = {
  intake: 'registration-intake', access: 'access-control', scheduler: 'scheduler', smets1: 'adapter-smets1', smets2: 'adapter-smets2', dip: 'dip-forwarder',
};

/** One service's metrics, its replicas' samples together, each labelled with its `instance` (URL); a replica that does not answer (restarting) adds nothing. */
export async function scrapeService(urls: readonly string[]): Promise<MetricsSnapshot> {
  return MetricsSnapshot.merge(await Promise.all(urls.map((url) => MetricsSnapshot.of(url).catch(() => MetricsSnapshot.empty()))), urls);
}

export async function scrapeStack(urls: ReplicaUrls): Promise<StackMetrics> {
  const keys = Object.keys(SCRAPED_SERVICES) as (keyof StackMetrics)[];
  const snapshots = await Promise.all(keys.map((key) => scrapeService(urls[key])));
  return Object.fromEntries(keys.map((key, i) => [key, snapshots[i]])) as unknown as StackMetrics;
}
