import { ALL_TOPICS, deadLetterTopicOf } from '@halfhour/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repositoryRoot, runTool } from './deploy-tools';
import { STRIMZI_TOPICS_FILE, strimziTopicsYaml } from './strimzi-topics';

describe('topics as Strimzi KafkaTopic resources', () => {
  it('are what the topic registry says (npm run strimzi-topics writes them)', () => {
    expect(readFileSync(join(repositoryRoot, STRIMZI_TOPICS_FILE), 'utf8')).toBe(strimziTopicsYaml());
  });

  it('render in the prod-strimzi overlay: every topic and its dead letters, three replicas and two in sync, and the Job provisions only databases', () => {
    const { status, output } = runTool('kubectl', 'kubectl', ['kustomize', join(repositoryRoot, 'deploy/k8s/overlays/prod-strimzi')]);
    expect(status).toBe(0);
    const objects = parseAllDocuments(output).map((d) => d.toJS()).filter(Boolean);
    const topics = objects.filter((o) => o.kind === 'KafkaTopic');
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(ALL_TOPICS.flatMap((t) => [t.name, deadLetterTopicOf(t.name)]).sort());
    for (const topic of topics) {
      expect(topic.spec).toMatchObject({ replicas: 3, config: { 'min.insync.replicas': '2' } });
      expect(topic.spec.partitions).toBe(ALL_TOPICS.find((t) => t.name === topic.spec.topicName)?.partitions ?? 1);
    }
    const provision = objects.find((o) => o.kind === 'Job').spec.template.spec.initContainers[0];
    expect(provision.args).toEqual(['dist/apps/halfhour-cli/src/main.js', 'provision', '--databases-only']);
  });
});
