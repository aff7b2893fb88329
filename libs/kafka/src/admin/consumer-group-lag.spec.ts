import { consumerGroupLag } from './consumer-group-lag';

/** The broker's answers for one topic of three partitions, as kafkajs's admin gives them. */
function brokerWith(ends: { low: number; high: number }[], committed: (number | undefined)[]) {
  return {
    fetchTopicOffsets: async () => ends.map(({ low, high }, partition) => ({ partition, low: String(low), high: String(high), offset: String(high) })),
    fetchOffsets: async () => [{
      topic: 't',
      partitions: committed.flatMap((offset, partition) => (offset === undefined ? [] : [{ partition, offset: String(offset), metadata: null }])),
    }],
  };
}

describe('consumer group lag', () => {
  it('is each partition’s end less what the group committed there', async () => {
    expect(await consumerGroupLag(brokerWith([{ low: 0, high: 100 }, { low: 0, high: 50 }, { low: 0, high: 7 }], [100, 40, 0]), 'g', 't')).toBe(17);
  });

  it('counts from a partition’s start where the group has committed nothing (-1) or what retention removed', async () => {
    expect(await consumerGroupLag(brokerWith([{ low: 20, high: 30 }, { low: 0, high: 5 }, { low: 10, high: 10 }], [-1, undefined, 3]), 'g', 't')).toBe(15);
  });

  it('is nothing once every partition is committed to its end', async () => {
    expect(await consumerGroupLag(brokerWith([{ low: 0, high: 9 }, { low: 4, high: 4 }, { low: 0, high: 0 }], [9, -1, -1]), 'g', 't')).toBe(0);
  });
});
