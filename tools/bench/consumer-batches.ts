import { StackMetrics } from '../../apps/halfhour-cli/src/day/stack-view';

export interface ConsumerBatches {
  service: string;
  topic: string;
  batches: number;
  messages: number;
  meanSize: number;
  meanSeconds: number;
}

/** Each service's consumers from its own metrics: how many batches, how large, how long each took. */
export function consumerBatches(metrics: StackMetrics): ConsumerBatches[] {
  return (Object.entries(metrics) as [string, StackMetrics['intake']][]).flatMap(([service, snapshot]) => {
    const handled = snapshot.by('halfhour_consumer_messages_total', 'topic');
    return Object.entries(snapshot.by('halfhour_consumer_batch_duration_seconds_count', 'topic')).map(([topic, batches]) => {
      const seconds = snapshot.histogram('halfhour_consumer_batch_duration_seconds', { topic }).sum;
      const messages = handled[topic] ?? 0;
      return { service, topic, batches, messages, meanSize: messages / Math.max(batches, 1), meanSeconds: seconds / Math.max(batches, 1) };
    });
  }).filter((c) => c.batches > 0);
}

export function describeConsumerBatches(metrics: StackMetrics): string[] {
  return consumerBatches(metrics).map((c) =>
    `${`${c.service} ← ${c.topic.replace(/^bench-\d+\./, '')}`.padEnd(58)} ${String(c.batches).padStart(6)} batches of ${c.meanSize.toFixed(1).padStart(6)} messages, ${(c.meanSeconds * 1000).toFixed(0).padStart(5)} ms each`,
  );
}
