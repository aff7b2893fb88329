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
      if (entry.level === logLevel.ERROR) kafkaLogger.error(fields, message);
      else if (entry.level === logLevel.WARN) kafkaLogger.warn(fields, message);
      else kafkaLogger.debug(fields, message);
    },
  });
}

export function parseBrokerList(commaSeparated: string): string[] {
  return commaSeparated.split(',').map((broker) => broker.trim()).filter(Boolean);
}
