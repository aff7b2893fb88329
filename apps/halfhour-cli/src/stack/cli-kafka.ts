import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers } from './stack-settings';

/**
 * The CLI's own Kafka client (provisioning, the simulated upstream systems, reading answers). The
 * local single-node broker on a loaded machine can stall for tens of seconds, e.g. while it creates
 * a run's partitions; the CLI waits for it rather than failing the run on kafkajs's 30-second
 * request timeout and five quick retries (the same patience as the tests' `testKafka`).
 */
export function cliKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: kafkaBrokers().split(','), logLevel: logLevel.NOTHING, requestTimeout: 120_000, retry: { retries: 10 } });
}
