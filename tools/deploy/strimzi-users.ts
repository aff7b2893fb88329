import { deadLetterTopicOf, SERVICE_TOPIC_ACCESS, ServiceTopicAccess } from '@halfhour/contracts';
import { stringify } from 'yaml';

/** Where the component keeps them, from the repository's root. */
export const STRIMZI_USERS_FILE = 'deploy/k8s/components/strimzi-users/users.yaml';

type Acl = { resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' }; operations: string[] };

const topicAcl = (name: string, operations: string[]): Acl => ({ resource: { type: 'topic', name, patternType: 'literal' }, operations });

/**
 * A service's ACLs, least privilege: read (and describe) what it consumes and its groups for it,
 * write what it produces and the dead-letter topic of each topic it consumes. Nothing else: no
 * other topic, no create, no alter, no cluster rights.
 */
export function aclsOf(service: string, access: ServiceTopicAccess): Acl[] {
  return [
    ...access.consumes.flatMap(({ topic, role }) => [
      topicAcl(topic.name, ['Read', 'Describe']),
      topicAcl(deadLetterTopicOf(topic.name), ['Write', 'Describe']),
      { resource: { type: 'group' as const, name: `${service}.${role}`, patternType: 'literal' as const }, operations: ['Read', 'Describe'] },
    ]),
    ...access.produces.map((topic) => topicAcl(topic.name, ['Write', 'Describe'])),
  ];
}

/**
 * A Strimzi `KafkaUser` per service (SCRAM-SHA-512; the User Operator writes its password into a
 * Secret named after it), with exactly the ACLs of SERVICE_TOPIC_ACCESS; and one for KEDA, which
 * reads the services' group lag and nothing else.
 */
export function strimziUsersYaml(): string {
  const users = Object.entries(SERVICE_TOPIC_ACCESS).map(([service, access]) => kafkaUser(`halfhour-${service}`, aclsOf(service, access)));
  const keda = kafkaUser('halfhour-keda', Object.entries(SERVICE_TOPIC_ACCESS).flatMap(([service, access]) => access.consumes.flatMap(({ topic, role }) => [
    topicAcl(topic.name, ['Describe']),
    { resource: { type: 'group' as const, name: `${service}.${role}`, patternType: 'literal' as const }, operations: ['Describe'] },
  ])));
  const header = '# Written by `npm run strimzi-users` from SERVICE_TOPIC_ACCESS (libs/contracts); do not edit. The\n'
    + '# cluster label names the Strimzi `Kafka` resource and the namespace is the one its User Operator\n'
    + '# watches: patch both in your overlay when yours are not "kafka".\n';
  return header + [...users, keda].map((resource) => `---\n${stringify(resource)}`).join('');
}

function kafkaUser(name: string, acls: Acl[]) {
  return {
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'KafkaUser',
    metadata: { name, namespace: 'kafka', labels: { 'strimzi.io/cluster': 'kafka' } },
    spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
  };
}
