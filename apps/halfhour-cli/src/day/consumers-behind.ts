import { consumerGroupLag } from '@halfhour/kafka';
import { cliKafka } from '../stack/cli-kafka';
import { StackMetrics } from './stack-view';

const GROUP_LAG = 'halfhour_consumer_group_lag_messages';

/**
 * The run's consumers still behind on their topics, as the broker has it now ("group ← topic: N
 * messages"). Which group reads which topic the services say in their group-lag gauges' labels
 * (set as each service starts); how far behind it is, the broker is asked, since the gauges are
 * refreshed only every 15 s.
 */
export async function consumersBehind(metrics: StackMetrics): Promise<string[]> {
  const consumed = new Map<string, { group: string; topic: string }>();
  for (const snapshot of Object.values(metrics)) {
    for (const { group, topic } of snapshot.labelSets(GROUP_LAG)) if (group && topic) consumed.set(`${group} ← ${topic}`, { group, topic });
  }
  if (consumed.size === 0) return [];
  const admin = cliKafka('halfhour-cli-lag').admin();
  await admin.connect();
  try {
    // A question the cluster could not answer now (kafkajs fails on a topic whose metadata it is
    // between refreshes of, on several brokers) says nothing: counted as behind, asked again next look.
    const lags = await Promise.all([...consumed].map(async ([name, { group, topic }]) => ({ name, lag: await consumerGroupLag(admin, group, topic).catch(() => Number.NaN) })));
    return lags.filter(({ lag }) => !(lag <= 0)).map(({ name, lag }) => (Number.isNaN(lag) ? `${name}: not known yet` : `${name}: ${lag} messages`));
  } finally {
    await admin.disconnect();
  }
}
