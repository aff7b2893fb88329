import { Kafka, Message, Partitioners, Producer, ProducerBatch, ProducerRecord, RecordMetadata } from 'kafkajs';
import { sendUntilAcknowledged } from './acknowledged-send';

/** Told of each partition's messages sent again because kafkajs resolved a send without them. */
export type ResendListener = (topic: string, messages: number) => void;

/**
 * The one producer a process needs: idempotent (acks from all in-sync replicas, so broker retries
 * never duplicate a message), one send at a time, and every message acknowledged.
 * - kafkajs mis-numbers the idempotence sequence when sends overlap: the broker answers
 *   OUT_OF_ORDER_SEQUENCE_NUMBER, or takes a message for a duplicate and drops it (kafkajs #598,
 *   #1005). Sends already carry many messages, so queueing them costs little.
 * - kafkajs can resolve a send with some partitions unwritten (sendUntilAcknowledged); the
 *   partitioner records where it put each message, and those of a partition not acknowledged are
 *   sent again.
 * `send` and `sendBatch` both go this way, so nothing sent through this producer can skip it.
 */
export function createIdempotentProducer(kafka: Kafka, onResend?: ResendListener): Producer {
  const chosenPartitions = new WeakMap<Message, number>();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    // DefaultPartitioner is murmur2, as in the Java client, so a key lands on the same partition whoever produces it.
    createPartitioner: () => {
      const partitioner = Partitioners.DefaultPartitioner();
      return (args) => {
        const partition = partitioner(args);
        chosenPartitions.set(args.message, partition);
        return partition;
      };
    },
  });
  let tail: Promise<unknown> = Promise.resolve();
  const sendBatch = (batch: ProducerBatch): Promise<RecordMetadata[]> => {
    const sent = tail.then(() => sendUntilAcknowledged((pending) => producer.sendBatch(pending), batch, (m) => chosenPartitions.get(m), onResend));
    tail = sent.catch(() => undefined);
    return sent;
  };
  const send = ({ topic, messages, ...options }: ProducerRecord): Promise<RecordMetadata[]> => sendBatch({ ...options, topicMessages: [{ topic, messages }] });
  return { ...producer, send, sendBatch };
}
