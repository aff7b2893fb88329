import { MetricsSnapshot } from './metrics-reader';

/** Where the run's services listen. */
export type ServiceUrls = Record<'intake' | 'access' | 'scheduler' | 'smets1' | 'smets2' | 'dip' | 'console' | 'providerSimulator' | 'dipSimulator', string>;

/** One look at every service's metrics, taken together. */
export interface StackMetrics {
  intake: MetricsSnapshot;
  access: MetricsSnapshot;
  scheduler: MetricsSnapshot;
  smets1: MetricsSnapshot;
  smets2: MetricsSnapshot;
  dip: MetricsSnapshot;
}

export async function scrapeStack(urls: ServiceUrls): Promise<StackMetrics> {
  const scrape = (url: string) => MetricsSnapshot.of(url).catch(() => MetricsSnapshot.empty());
  const [intake, access, scheduler, smets1, smets2, dip] = await Promise.all([urls.intake, urls.access, urls.scheduler, urls.smets1, urls.smets2, urls.dip].map(scrape));
  return { intake, access, scheduler, smets1, smets2, dip };
}
