import { Producer, ProducerBatch, RecordMetadata } from 'kafkajs';

/** What our publishers need of a producer. */
export interface BatchSender {
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]>;
}

/**
 * Sends one batch at a time through an idempotent kafkajs producer. kafkajs mis-numbers the
 * idempotence sequence when requests overlap: the broker answers OUT_OF_ORDER_SEQUENCE_NUMBER, or
 * messages are silently lost (kafkajs #598, #1005). Batches already carry many messages, so
 * queueing them costs little; losing one would cost everything.
 */
export class SerialBatchSender implements BatchSender {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly producer: Producer) {}

  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    const sent = this.tail.then(() => this.producer.sendBatch(batch));
    this.tail = sent.catch(() => undefined);
    return sent;
  }
}
