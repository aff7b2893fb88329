import { ALL_TOPICS, deadLetterTopicOf } from '@halfhour/contracts';
import { SINGLE_BROKER, topicConfigsFor } from './topic-provisioner';

const retentionOf = (entries: { name: string; value: string }[] | undefined) => Number(entries?.find((e) => e.name === 'retention.ms')?.value);

describe('dead-letter topics', () => {
  it.each(ALL_TOPICS.map((topic) => [topic.name, topic] as const))('keep %s’s refused messages no longer than the topic keeps its own', (_name, topic) => {
    const [source, deadLetters] = topicConfigsFor(topic, SINGLE_BROKER);
    expect(deadLetters.topic).toBe(deadLetterTopicOf(topic.name));
    const kept = retentionOf(deadLetters.configEntries);
    if (topic.cleanupPolicy === 'delete') expect(kept).toBeLessThanOrEqual(retentionOf(source.configEntries));
    else expect(kept).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
  });
});
