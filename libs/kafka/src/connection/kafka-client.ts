import { JsonLogger } from '@halfhour/observability';
import { Admin, Consumer, IHeaders, Kafka, KafkaConfig, KafkaMessage, logLevel, LogEntry, Message, Producer, SASLOptions } from 'kafkajs';
import { KafkaSecurity, PLAINTEXT } from './kafka-security';

/**
 * The client's types by this library's names: kafkajs is imported nowhere else (a lint rule), so
 * a change of client touches one place.
 */
export type KafkaClient = Kafka;
export type KafkaAdmin = Admin;
export type KafkaProducer = Producer;
export type KafkaConsumer = Consumer;
/** A record as read off a topic. */
export type KafkaRecord = KafkaMessage;
/** A record as given to a producer. */
export type OutgoingRecord = Message;
export type MessageHeaders = IHeaders;

export interface KafkaConnectionOptions {
  /** host:port list, e.g. from KAFKA_BROKERS. */
  brokers: readonly string[];
  clientId: string;
  /** Where the client's own log goes (JSON, its routine group states as info); none: silent. */
  logger?: JsonLogger;
  /** TLS and SASL (kafkaSecurityFrom); plaintext when absent. */
  security?: KafkaSecurity;
  /**
   * Tools and tests beside a single-node broker on a loaded machine, which can stall for tens of
   * seconds (e.g. while it creates a run's partitions): wait for it rather than fail on the
   * client's 30-second request timeout and few quick retries.
   */
  patient?: boolean;
}

export function createKafkaClient(options: KafkaConnectionOptions): KafkaClient {
  const kafkaLogger = options.logger?.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...securityOptions(options.security ?? PLAINTEXT),
    ...(options.patient ? { requestTimeout: 120_000, retry: { retries: 10 } } : {}),
    logLevel: kafkaLogger ? logLevel.WARN : logLevel.NOTHING,
    ...(kafkaLogger ? {
      logCreator: () => (entry: LogEntry) => {
        const { message, ...extra } = entry.log;
        const fields = { namespace: entry.namespace, ...extra };
        kafkaLogger[levelOf(entry)](fields, message);
      },
    } : {}),
  });
}

const SASL_MECHANISMS = { 'SCRAM-SHA-512': 'scram-sha-512', 'SCRAM-SHA-256': 'scram-sha-256', PLAIN: 'plain' } as const;

/** The client's TLS and SASL options for a connection's security. */
export function securityOptions(security: KafkaSecurity): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { tls, sasl } = security;
  return {
    ...(tls ? { ssl: tls.ca || tls.cert ? { ...(tls.ca ? { ca: [tls.ca] } : {}), ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}) } : true } : {}),
    ...(sasl ? { sasl: { mechanism: SASL_MECHANISMS[sasl.mechanism], username: sasl.username, password: sasl.password } as SASLOptions } : {}),
  };
}

/**
 * Answers kafkajs logs as errors that are the ordinary life of a consumer group — a rebalance, a
 * coordinator moving or loading — and that kafkajs retries by itself. Logged as info, so an SRE's
 * error count means something.
 */
const ROUTINE_GROUP_STATES = [
  'The group is rebalancing, so a rejoin is needed',
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  "The coordinator is loading and hence can't process requests",
];

export function levelOf(entry: Pick<LogEntry, 'level' | 'log'>): 'error' | 'warn' | 'info' | 'debug' {
  const error = (entry.log as { error?: unknown }).error;
  if ((entry.level === logLevel.ERROR || entry.level === logLevel.WARN) && typeof error === 'string' && ROUTINE_GROUP_STATES.includes(error)) return 'info';
  if (entry.level === logLevel.ERROR) return 'error';
  if (entry.level === logLevel.WARN) return 'warn';
  return 'debug';
}

export function parseBrokerList(commaSeparated: string): string[] {
  return commaSeparated.split(',').map((broker) => broker.trim()).filter(Boolean);
}
