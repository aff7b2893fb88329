import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DIP_CALL_HEADERS_SCHEMA, DIP_CALL_SCHEMA } from '../dip/dip-message-schema';
import { ENVELOPE_HEADERS, MessageEnvelope, REQUIRED_ENVELOPE_FIELDS } from '../envelope/message-envelope';
import { DEAD_LETTER_MAX_MESSAGE_BYTES, deadLetterTopicOf, MessageDefinition, TOPIC_MAX_MESSAGE_BYTES, TopicDefinition } from '../topics/topic-definition';
import { domainSchemaConverters } from './schema-converters';

const HEADER_DESCRIPTIONS: Record<keyof MessageEnvelope, string> = {
  messageId: 'Unique message ID (UUID); consumers drop duplicates by it.',
  correlationId: 'Shared by every message about one request or plan item.',
  causationId: 'Message ID of the message that caused this one.',
  messageType: 'Message type name; selects the payload schema.',
  schemaVersion: 'Payload schema version (integer as text).',
  occurredAt: 'When the fact happened, ISO 8601 UTC.',
  deadline: 'When a response is due (Target Response Time), ISO 8601 UTC.',
  traceparent: 'W3C Trace Context.',
};

const DEAD_LETTER_HEADERS = {
  'hh-dlq-reason-code': 'Stable reason code, e.g. SCHEMA_VIOLATION.',
  'hh-dlq-reason': 'Human-readable explanation.',
  'hh-dlq-source-topic': 'Topic the message was consumed from.',
  'hh-dlq-source-partition': 'Partition it was consumed from.',
  'hh-dlq-source-offset': 'Offset it was consumed from.',
  'hh-dlq-consumer-group': 'Consumer group that rejected it.',
  'hh-dlq-failed-at': 'When it was dead-lettered, ISO 8601 UTC.',
};

function envelopeHeadersSchema() {
  const properties = Object.fromEntries(
    (Object.keys(ENVELOPE_HEADERS) as (keyof MessageEnvelope)[]).map((field) => [
      ENVELOPE_HEADERS[field],
      { type: 'string', description: HEADER_DESCRIPTIONS[field] },
    ]),
  );
  return { type: 'object', required: REQUIRED_ENVELOPE_FIELDS.map((f) => ENVELOPE_HEADERS[f]), properties };
}

function messageName(message: MessageDefinition): string {
  return `${message.messageClass.name}V${message.schemaVersion}`;
}

function channelId(topic: TopicDefinition): string {
  return topic.name.replace(/[^A-Za-z0-9]+/g, '-');
}

const SCHEMA_OPTIONS = {
  additionalConverters: domainSchemaConverters,
  classTransformerMetadataStorage: defaultMetadataStorage,
  refPointerPrefix: '#/components/schemas/',
};

function payloadSchema(message: MessageDefinition) {
  return targetConstructorToSchema(message.messageClass, SCHEMA_OPTIONS);
}

/** Every nested shape a payload refers to (`#/components/schemas/X`), and those they refer to, by name. */
function referencedSchemas(payloads: readonly unknown[]): Record<string, unknown> {
  const all = validationMetadatasToSchemas(SCHEMA_OPTIONS) as Record<string, unknown>;
  const wanted = new Map<string, unknown>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      const name = key === '$ref' && typeof value === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(value)?.[1] : undefined;
      if (name && !wanted.has(name)) {
        if (!all[name]) throw new Error(`${value} is referred to but no class describes it`);
        wanted.set(name, all[name]);
        visit(all[name]);
      } else visit(value);
    }
  };
  payloads.forEach(visit);
  return Object.fromEntries([...wanted].sort(([a], [b]) => a.localeCompare(b)));
}

/** How large a record the topic takes, as its Kafka binding states it. */
function kafkaTopicBinding(partitions: number, configuration: Record<string, unknown>) {
  return { kafka: { bindingVersion: '0.5.0', partitions, topicConfiguration: configuration } };
}

/** Builds the AsyncAPI 3 document that upstream and downstream teams read instead of our code. */
export function buildAsyncApiDocument(topics: readonly TopicDefinition<any>[], version: string) {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};

  for (const topic of topics) {
    const id = channelId(topic);
    const refs = Object.fromEntries(
      topic.messages.map((m) => [messageName(m), { $ref: `#/components/messages/${messageName(m)}` }]),
    );
    channels[id] = {
      address: topic.name,
      description: topic.description,
      messages: refs,
      bindings: kafkaTopicBinding(topic.partitions, {
        'cleanup.policy': [topic.cleanupPolicy],
        ...(topic.retentionMs !== undefined ? { 'retention.ms': topic.retentionMs } : {}),
        'max.message.bytes': TOPIC_MAX_MESSAGE_BYTES,
      }),
    };
    channels[`${id}-dlq`] = {
      address: deadLetterTopicOf(topic.name),
      description: `Messages from ${topic.name} that a consumer could not handle, with the original key, body and headers plus the hh-dlq-* headers.`,
      messages: { DeadLetter: { $ref: '#/components/messages/DeadLetter' } },
      bindings: kafkaTopicBinding(1, { 'cleanup.policy': ['delete'], 'max.message.bytes': DEAD_LETTER_MAX_MESSAGE_BYTES }),
    };
    operations[`${topic.direction === 'inbound' ? 'receive' : 'send'}-${id}`] = {
      action: topic.direction === 'inbound' ? 'receive' : 'send',
      channel: { $ref: `#/channels/${id}` },
      summary:
        topic.direction === 'inbound'
          ? `Halfhour consumes ${topic.name}; upstream systems publish to it.`
          : `Halfhour publishes ${topic.name}.`,
    };
    for (const message of topic.messages) {
      messages[messageName(message)] = {
        name: message.type,
        title: `${message.type} v${message.schemaVersion}`,
        summary: message.summary,
        contentType: 'application/json',
        headers: envelopeHeadersSchema(),
        payload: payloadSchema(message),
        bindings: { kafka: { key: { type: 'string', description: topic.key.description } } },
        examples: [
          {
            name: 'example',
            headers: {
              [ENVELOPE_HEADERS.messageType]: message.type,
              [ENVELOPE_HEADERS.schemaVersion]: String(message.schemaVersion),
            },
            payload: message.example,
          },
        ],
      };
    }
  }

  messages.DeadLetter = {
    name: 'dead-letter',
    summary: 'A message no consumer could accept, kept whole for inspection and replay.',
    headers: {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(DEAD_LETTER_HEADERS).map(([name, description]) => [name, { type: 'string', description }]),
      ),
    },
    payload: { description: 'The original message body, byte for byte.' },
  };

  // Not a topic: what the dip-forwarder sends Elexon's DIP over HTTPS, documented beside the topics it comes from.
  channels['elexon-dip'] = {
    address: '/dip/messages',
    description: "Elexon's Data Integration Platform, at DIP_URL: each call a signed POST of up to DIP_BATCH_SIZE MPAN-days retrieved.",
    messages: { DipMessagesV1: { $ref: '#/components/messages/DipMessagesV1' } },
  };
  operations['send-elexon-dip'] = {
    action: 'send',
    channel: { $ref: '#/channels/elexon-dip' },
    summary: 'The dip-forwarder delivers each MPAN-day retrieved to the DIP, exactly once in effect (its senderUniqueReference names the content).',
    bindings: { http: { bindingVersion: '0.3.0', method: 'POST' } },
  };
  messages.DipMessagesV1 = {
    name: 'dip-messages',
    title: 'DIP messages v1',
    summary: 'MPAN-days of half-hourly data for settlement, one DIP message each.',
    contentType: 'application/json',
    headers: DIP_CALL_HEADERS_SCHEMA,
    payload: DIP_CALL_SCHEMA,
  };

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Halfhour',
      version,
      description:
        'Kafka topics of Halfhour, the hub-side smart-meter half-hourly data retrieval for MHHS (SEC MP162). ' +
        'Generated from libs/contracts by `npm run asyncapi`; do not edit by hand. Every message carries the ' +
        'envelope headers; every topic has a `.dlq` dead-letter topic.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: referencedSchemas(Object.values(messages).map((m) => (m as { payload: unknown }).payload)) },
  };
}
