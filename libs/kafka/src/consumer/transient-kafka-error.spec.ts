import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from 'kafkajs';
import { isTransientKafkaError } from './transient-kafka-error';

const tooLarge = () => new KafkaJSProtocolError(Object.assign(new Error('The request included a message larger than the max message size the server will accept'), { type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false }));

describe('isTransientKafkaError', () => {
  it('waits out a broker that cannot be reached or is slow, also once kafkajs has run out of its own retries', () => {
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    expect(isTransientKafkaError(refused)).toBe(true);
    expect(isTransientKafkaError(new KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out'))).toBe(true);
    expect(isTransientKafkaError(new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 3000 }))).toBe(true);
    expect(isTransientKafkaError(new KafkaJSProtocolError(Object.assign(new Error('There is no leader for this topic-partition'), { type: 'LEADER_NOT_AVAILABLE', code: 5, retriable: true })))).toBe(true);
  });

  it('does not wait out what the broker will always refuse, nor errors that are not the broker’s', () => {
    expect(isTransientKafkaError(tooLarge())).toBe(false);
    expect(isTransientKafkaError(new KafkaJSNumberOfRetriesExceeded(tooLarge(), { retryCount: 0, retryTime: 0 }))).toBe(false);
    expect(isTransientKafkaError(new Error('ECONNREFUSED'))).toBe(false);
    expect(isTransientKafkaError(undefined)).toBe(false);
  });
});
