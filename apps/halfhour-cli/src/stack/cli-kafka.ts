import { createKafkaClient, KafkaClient, kafkaSecurityFrom } from '@halfhour/kafka';
import { kafkaBrokers } from './stack-settings';

/**
 * The CLI's own Kafka client (provisioning, the simulated upstream systems, reading answers): the
 * brokers and TLS/SASL settings of the environment, as the services read them, and patient with
 * a loaded single-node broker.
 */
export function cliKafka(clientId: string): KafkaClient {
  return createKafkaClient({ clientId, brokers: kafkaBrokers().split(','), security: kafkaSecurityFrom(process.env), patient: true });
}
