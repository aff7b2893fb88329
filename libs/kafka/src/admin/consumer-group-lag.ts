import { Admin } from 'kafkajs';

/**
 * Messages of a topic a consumer group has not committed yet, as the broker has it now: per
 * partition, its end less the group's committed offset (or its start, where the group has
 * committed nothing there yet).
 */
export async function consumerGroupLag(admin: Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'>, groupId: string, topic: string): Promise<number> {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((lag, end) => lag + Number(end.high) - Math.max(Number(end.low), committedByPartition.get(end.partition) ?? -1), 0);
}
