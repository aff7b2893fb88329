export type CleanupPolicy = 'delete' | 'compact';

type MessageClass<T> = new () => T;

/** One message type, at one schema version, that a topic carries. */
export interface MessageDefinition<T extends object = object> {
  /** Stable name, e.g. `css.market-participant-updated`; travels in the `hh-message-type` header. */
  type: string;
  schemaVersion: number;
  messageClass: MessageClass<T>;
  summary: string;
  /** The Kafka key of a message: topics keyed by MPAN keep one meter's history in order. */
  keyOf(message: T): string;
  /** A valid example, shown in the AsyncAPI document and checked by the contract tests. */
  example: T;
}

/** Who writes a topic: the outside world (through its own adapters or simulators) or Halfhour. */
export type TopicDirection = 'inbound' | 'internal' | 'outbound';

export interface TopicDefinition<T extends object = object> {
  /** Ends in a version; a breaking change to the topic's messages makes a new topic. */
  name: string;
  description: string;
  direction: TopicDirection;
  key: { name: string; description: string };
  partitions: number;
  cleanupPolicy: CleanupPolicy;
  /** Retention for `delete` topics; compacted topics keep the latest value per key. */
  retentionMs?: number;
  messages: readonly MessageDefinition<T>[];
  /**
   * On a compacted topic, what a tombstone (a key with no value) means: the message, one of
   * `messages`, a consumer reads it as. Without this, a tombstone is dead-lettered.
   */
  tombstone?: { message: MessageDefinition<T>; bodyOf: (key: string) => T };
}

/**
 * The largest record a topic takes: the broker's default `message.max.bytes` (1 MiB and its
 * record overhead), which the registry's topics keep. A publisher's batch is split below it.
 */
export const TOPIC_MAX_MESSAGE_BYTES = 1_048_588;

/**
 * Twice that for a dead-letter topic: a message that only just fitted its own topic still fits
 * there with the dead-letter headers added.
 */
export const DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * TOPIC_MAX_MESSAGE_BYTES;

/** Every topic has a dead-letter topic beside it for the messages its consumers could not handle. */
export function deadLetterTopicOf(topicName: string): string {
  return `${topicName}.dlq`;
}

export function defineMessage<T extends object>(definition: MessageDefinition<T>): MessageDefinition<T> {
  return definition;
}

type BodyOf<D> = D extends MessageDefinition<infer T> ? T : never;

/** A topic whose body type is the union of the message types it carries. */
export function defineTopic<const M extends readonly MessageDefinition<any>[]>(
  definition: Omit<TopicDefinition, 'messages' | 'tombstone'> & { messages: M; tombstone?: { message: M[number]; bodyOf: (key: string) => BodyOf<M[number]> } },
): TopicDefinition<BodyOf<M[number]>> {
  if (!/\.\d+$/.test(definition.name)) {
    throw new Error(`topic name "${definition.name}" must end in a version, e.g. ".1"`);
  }
  return definition as unknown as TopicDefinition<BodyOf<M[number]>>;
}

/** The same topic under another name: used by tests that need a topic of their own. */
export function renameTopic<T extends object>(topic: TopicDefinition<T>, name: string): TopicDefinition<T> {
  return { ...topic, name };
}

/** The topic as an environment sees it: KAFKA_TOPIC_PREFIX before its name ('' changes nothing). */
export function withTopicPrefix<T extends object>(topic: TopicDefinition<T>, prefix = ''): TopicDefinition<T> {
  return prefix ? renameTopic(topic, `${prefix}${topic.name}`) : topic;
}

export function findMessageDefinition<T extends object>(
  topic: TopicDefinition<T>,
  type: string,
  schemaVersion: string,
): MessageDefinition<T> | undefined {
  return topic.messages.find((m) => m.type === type && String(m.schemaVersion) === schemaVersion);
}
