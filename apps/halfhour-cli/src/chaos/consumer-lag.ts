import { cliKafka } from '../stack/cli-kafka';

export interface GroupLag {
  group: string;
  /** Messages on the group's topics not yet committed by it. */
  lag: number;
}

/** The lag of every consumer group whose name starts with `prefix` (a run's groups), from the broker's committed offsets. */
export async function consumerLag(prefix: string): Promise<GroupLag[]> {
  const admin = cliKafka('halfhour-chaos-lag').admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix)).sort();
    const ends = new Map<string, Map<number, number>>();
    const endsOf = async (topic: string) => {
      if (!ends.has(topic)) ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)])));
      return ends.get(topic)!;
    };
    const lags: GroupLag[] = [];
    for (const group of groups) {
      let lag = 0;
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group })) {
        const high = await endsOf(topic);
        for (const { partition, offset } of partitions) lag += Math.max(0, (high.get(partition) ?? 0) - Math.max(0, Number(offset)));
      }
      lags.push({ group, lag });
    }
    return lags;
  } finally {
    await admin.disconnect();
  }
}
