import { TopicDefinition } from './topic-definition';
import { Topics } from './topic-registry';

/** One input of a service: the topic, read by the consumer group `<CONSUMER_GROUP>.<role>`. */
export interface ConsumedTopic {
  topic: TopicDefinition<any>;
  role: string;
}

/** What a service may do on Kafka: least privilege, as its Kafka user's ACLs grant it. */
export interface ServiceTopicAccess {
  consumes: readonly ConsumedTopic[];
  produces: readonly TopicDefinition<any>[];
}

/**
 * Every service's topics, in one place: the Strimzi `KafkaUser`s are written from it (read and
 * describe on what it consumes, its groups, write on what it produces and on the dead-letter
 * topics of what it consumes), and each service's Kafka runtime refuses, at once, to consume or
 * publish anything it does not list — so the ACLs cannot drift from the code unnoticed.
 */
export const SERVICE_TOPIC_ACCESS = {
  'registration-intake': {
    consumes: [
      { topic: Topics.registrations, role: 'registrations' },
      { topic: Topics.deviceInventory, role: 'devices' },
      { topic: Topics.marketParticipants, role: 'participants' },
    ],
    produces: [Topics.mpanTimelines],
  },
  'access-control': {
    consumes: [
      { topic: Topics.serviceRequests, role: 'requests' },
      { topic: Topics.users, role: 'users' },
      { topic: Topics.mpanTimelines, role: 'timelines' },
    ],
    produces: [Topics.authorisedRequests, Topics.userResponses],
  },
  scheduler: {
    consumes: [
      { topic: Topics.authorisedRequests, role: 'requests' },
      { topic: Topics.readResults, role: 'results' },
      { topic: Topics.mpanTimelines, role: 'timelines' },
    ],
    produces: [Topics.smets1Commands, Topics.smets2Commands, Topics.userResponses],
  },
  'adapter-smets1': { consumes: [{ topic: Topics.smets1Commands, role: 'commands' }], produces: [Topics.readResults] },
  'adapter-smets2': { consumes: [{ topic: Topics.smets2Commands, role: 'commands' }], produces: [Topics.readResults] },
  'dip-forwarder': { consumes: [{ topic: Topics.readResults, role: 'results' }], produces: [Topics.userResponses] },
} as const satisfies Record<string, ServiceTopicAccess>;

export type KafkaService = keyof typeof SERVICE_TOPIC_ACCESS;

export function topicAccessOf(service: string): ServiceTopicAccess | undefined {
  return (SERVICE_TOPIC_ACCESS as Record<string, ServiceTopicAccess>)[service];
}

/** Why a service may not consume a topic in a group, or undefined when it may. */
export function consumeRefusal(access: ServiceTopicAccess, topicName: string, groupId: string): string | undefined {
  if (access.consumes.some((c) => c.topic.name === topicName && groupId.endsWith(`.${c.role}`))) return undefined;
  return `may not consume ${topicName} in group ${groupId}: SERVICE_TOPIC_ACCESS lists ${access.consumes.map((c) => `${c.topic.name} (.${c.role})`).join(', ')}`;
}

/** Why a service may not publish to a topic, or undefined when it may. */
export function produceRefusal(access: ServiceTopicAccess, topicName: string): string | undefined {
  if (access.produces.some((topic) => topic.name === topicName)) return undefined;
  return `may not publish to ${topicName}: SERVICE_TOPIC_ACCESS lists ${access.produces.map((topic) => topic.name).join(', ')}`;
}
