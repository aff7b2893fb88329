import { JsonLogger } from '@halfhour/observability';
import { Kafka, logLevel, LogEntry } from 'kafkajs';

export interface KafkaConnectionOptions {
  /** host:port list, e.g. from KAFKA_BROKERS. */
  brokers: readonly string[];
  clientId: string;
  logger: JsonLogger;
}

/** Every use of kafkajs goes through this library, so a change of client touches one place. */
export function createKafkaClient(options: KafkaConnectionOptions): Kafka {
  const kafkaLogger = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...extra } = entry.log;
      const fields = { namespace: entry.namespace, ...extra };
      kafkaLogger[levelOf(entry)](fields, message);
    },
  });
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
