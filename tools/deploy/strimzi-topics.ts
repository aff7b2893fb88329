import { ALL_TOPICS } from '@halfhour/contracts';
import { topicConfigsFor, TopicDurability } from '@halfhour/kafka';
import { stringify } from 'yaml';

/** Where the component keeps them, from the repository's root. */
export const STRIMZI_TOPICS_FILE = 'deploy/k8s/components/strimzi-topics/topics.yaml';

/** Production's figures: the same the provision step reads from the `halfhour-topics` ConfigMap. */
export const PRODUCTION_DURABILITY: TopicDurability = { replicationFactor: 3, minInSyncReplicas: 2 };

/**
 * Every registry topic and its dead-letter topic as a Strimzi `KafkaTopic`, with the partitions,
 * replicas and configs the provision step would create it with (one source: `topicConfigsFor`).
 */
export function strimziTopicsYaml(durability: TopicDurability = PRODUCTION_DURABILITY): string {
  const resources = ALL_TOPICS.flatMap((topic) => topicConfigsFor(topic, durability)).map((config) => {
    if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(config.topic)) throw new Error(`${config.topic} is not a Kubernetes object name`);
    return {
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaTopic',
      metadata: { name: config.topic, namespace: 'kafka', labels: { 'strimzi.io/cluster': 'kafka' } },
      spec: {
        topicName: config.topic,
        partitions: config.numPartitions,
        replicas: config.replicationFactor,
        config: Object.fromEntries((config.configEntries ?? []).map((entry) => [entry.name, entry.value])),
      },
    };
  });
  const header = '# Written by `npm run strimzi-topics` from the topic registry; do not edit. The cluster label\n'
    + '# names the Strimzi `Kafka` resource and the namespace is the one its Topic Operator watches:\n'
    + '# patch both in your overlay when yours are not "kafka".\n';
  return header + resources.map((resource) => `---\n${stringify(resource)}`).join('');
}
