import { ALL_TOPICS, consumeRefusal, deadLetterTopicOf, produceRefusal, SERVICE_TOPIC_ACCESS, Topics } from '@halfhour/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repositoryRoot, runTool } from './deploy-tools';
import { STRIMZI_USERS_FILE, strimziUsersYaml } from './strimzi-users';

type KafkaUser = { metadata: { name: string }; spec: { authorization: { acls: { resource: { type: string; name: string }; operations: string[] }[] } } };

describe('each service’s Kafka user (Strimzi KafkaUser)', () => {
  const users = parseAllDocuments(strimziUsersYaml()).map((d) => d.toJS() as KafkaUser);
  const aclsOf = (user: string) => users.find((u) => u.metadata.name === user)!.spec.authorization.acls;
  const may = (user: string, operation: string, type: string, name: string) =>
    aclsOf(user).some((acl) => acl.resource.type === type && acl.resource.name === name && acl.operations.includes(operation));

  it('is what SERVICE_TOPIC_ACCESS says (npm run strimzi-users writes them)', () => {
    expect(readFileSync(join(repositoryRoot, STRIMZI_USERS_FILE), 'utf8')).toBe(strimziUsersYaml());
  });

  it('may write only what the service produces and the dead letters of what it consumes; read only what it consumes', () => {
    for (const [service, access] of Object.entries(SERVICE_TOPIC_ACCESS)) {
      const user = `halfhour-${service}`;
      for (const topic of ALL_TOPICS) {
        const consumed = access.consumes.some((c) => c.topic === topic);
        const produced = (access.produces as readonly unknown[]).includes(topic);
        expect({ user, topic: topic.name, write: may(user, 'Write', 'topic', topic.name), read: may(user, 'Read', 'topic', topic.name) })
          .toEqual({ user, topic: topic.name, write: produced, read: consumed });
        expect({ user, dlq: deadLetterTopicOf(topic.name), write: may(user, 'Write', 'topic', deadLetterTopicOf(topic.name)) })
          .toEqual({ user, dlq: deadLetterTopicOf(topic.name), write: consumed });
      }
      expect(aclsOf(user).flatMap((acl) => acl.operations).filter((op) => !['Read', 'Write', 'Describe'].includes(op))).toEqual([]);
    }
    // No service of ours writes the users topic (DCC's registry does), and only access-control writes authorisations.
    expect(users.filter((u) => u.spec.authorization.acls.some((acl) => acl.resource.name === Topics.users.name && acl.operations.includes('Write')))).toEqual([]);
    expect(users.filter((u) => u.spec.authorization.acls.some((acl) => acl.resource.name === Topics.authorisedRequests.name && acl.operations.includes('Write'))).map((u) => u.metadata.name))
      .toEqual(['halfhour-access-control']);
  });

  it('names the consumer groups KEDA scales on, and KEDA may only describe them', () => {
    const kedaDir = join(repositoryRoot, 'deploy/k8s/components/keda');
    for (const file of readdirSync(kedaDir).filter((f) => f.endsWith('-scaled-object.yaml'))) {
      const trigger = parse(readFileSync(join(kedaDir, file), 'utf8')).spec.triggers[0].metadata as { consumerGroup: string; topic: string };
      expect({ file, group: may('halfhour-keda', 'Describe', 'group', trigger.consumerGroup), topic: may('halfhour-keda', 'Describe', 'topic', trigger.topic) })
        .toEqual({ file, group: true, topic: true });
    }
    expect(aclsOf('halfhour-keda').every((acl) => acl.operations.join() === 'Describe')).toBe(true);
  });

  it('render in the prod-strimzi overlay', () => {
    const { status, output } = runTool('kubectl', 'kubectl', ['kustomize', join(repositoryRoot, 'deploy/k8s/overlays/prod-strimzi')]);
    expect(status).toBe(0);
    const rendered = parseAllDocuments(output).map((d) => d.toJS()).filter((o) => o?.kind === 'KafkaUser');
    expect(rendered.map((u) => u.metadata.name).sort()).toEqual(users.map((u) => u.metadata.name).sort());
  });
});

describe('a service’s Kafka runtime, held to SERVICE_TOPIC_ACCESS', () => {
  it('refuses to consume a topic, or in a group, its user may not read', () => {
    const access = SERVICE_TOPIC_ACCESS['dip-forwarder'];
    expect(consumeRefusal(access, Topics.readResults.name, 'dip-forwarder.results')).toBeUndefined();
    expect(consumeRefusal(access, Topics.readResults.name, 'dip-forwarder.other')).toMatch(/may not consume/);
    expect(consumeRefusal(access, Topics.users.name, 'dip-forwarder.results')).toMatch(/may not consume dcc.users.1/);
  });

  it('refuses to publish where its user may not write', () => {
    expect(produceRefusal(SERVICE_TOPIC_ACCESS['dip-forwarder'], Topics.userResponses.name)).toBeUndefined();
    expect(produceRefusal(SERVICE_TOPIC_ACCESS['dip-forwarder'], Topics.authorisedRequests.name)).toMatch(/may not publish to access.authorised-requests.1/);
  });
});
