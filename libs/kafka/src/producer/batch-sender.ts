import { ProducerBatch, RecordMetadata } from 'kafkajs';

/** What our publishers need of a producer. */
export interface BatchSender {
  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]>;
}
