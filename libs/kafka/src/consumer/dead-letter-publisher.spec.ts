import { TransportReason } from '@halfhour/contracts';
import { ConsumerMetrics, createJsonLogger } from '@halfhour/observability';
import { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, Message, ProducerBatch } from 'kafkajs';
import { Registry } from 'prom-client';
import { RawMessage } from './consumed-message';
import { DEAD_LETTER_HEADERS, DeadLetterPublisher, isRecordRefused } from './dead-letter-publisher';

/** As kafkajs's producer reports an error it will not retry: wrapped, the broker's answer as the cause. */
const bailedOut = (cause: Error) => new (KafkaJSNonRetriableError as unknown as new (e: Error, options: { cause: Error }) => Error)(cause, { cause });

/** A stand-in broker: takes a request whole or not at all, refusing it as kafkajs reports a record over the limit. */
class FakeBroker {
  readonly taken: { topic: string; message: Message }[] = [];
  requests = 0;
  down = false;

  constructor(private readonly maxRecordBytes: number) {}

  async sendBatch(batch: ProducerBatch): Promise<[]> {
    this.requests++;
    if (this.down) throw new KafkaJSNumberOfRetriesExceeded(new Error('Connection error: ECONNREFUSED'), { retryCount: 5, retryTime: 1000 });
    const messages = (batch.topicMessages ?? []).flatMap(({ topic, messages }) => messages.map((message) => ({ topic, message })));
    if (messages.some(({ message }) => recordBytes(message) > this.maxRecordBytes)) {
      const tooLarge = new KafkaJSProtocolError({ type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false, message: 'The request included a message larger than the max message size the server will accept' } as never);
      throw bailedOut(tooLarge);
    }
    this.taken.push(...messages);
    return [];
  }
}

function recordBytes(message: Message): number {
  let bytes = Buffer.byteLength(message.value ?? '') + Buffer.byteLength(message.key ?? '');
  for (const [name, value] of Object.entries(message.headers ?? {})) bytes += name.length + Buffer.byteLength(String(value));
  return bytes;
}

function raw(offset: number, valueBytes: number, headers: RawMessage['headers'] = {}): RawMessage {
  return { topic: 'css.registrations.1', partition: 0, offset: String(offset), key: Buffer.from(`key-${offset}`), value: Buffer.alloc(valueBytes, 'x'), headers };
}

const rejection = { reasonCode: TransportReason.MalformedJson, message: 'not JSON' };

describe('DeadLetterPublisher against a broker with a record limit', () => {
  let registry: Registry;
  let publisher: (broker: FakeBroker) => DeadLetterPublisher;

  beforeEach(() => {
    registry = new Registry();
    publisher = (broker) => new DeadLetterPublisher(broker, ConsumerMetrics.of(registry), createJsonLogger('dlq-test', 'silent'), 1_000);
  });

  const truncatedCount = async () => (await registry.getSingleMetric('halfhour_consumer_dead_letters_truncated_total')!.get()).values.reduce((n, v) => n + v.value, 0);

  it('sends many letters in requests split by size, each kept byte for byte', async () => {
    const broker = new FakeBroker(10_000);
    const letters = Array.from({ length: 10 }, (_, i) => ({ raw: raw(i, 400), rejection }));
    await publisher(broker).publish('group', letters);
    expect(broker.requests).toBeGreaterThanOrEqual(5);
    expect(broker.taken.map(({ message }) => message.headers?.[DEAD_LETTER_HEADERS.sourceOffset])).toEqual(letters.map((l) => l.raw.offset));
    expect(broker.taken.every(({ topic, message }) => topic === 'css.registrations.1.dlq' && Buffer.byteLength(message.value!) === 400)).toBe(true);
    expect(await truncatedCount()).toBe(0);
  });

  it('sends a letter the broker refuses whole without its value, naming its size, hash and source, and the others whole', async () => {
    const broker = new FakeBroker(5_000);
    await publisher(broker).publish('group', [{ raw: raw(1, 100), rejection }, { raw: raw(2, 6_000, { 'hh-type': 'big' }), rejection }, { raw: raw(3, 100), rejection }]);
    const byOffset = new Map(broker.taken.map(({ message }) => [message.headers?.[DEAD_LETTER_HEADERS.sourceOffset], message]));
    expect([...byOffset.keys()].sort()).toEqual(['1', '2', '3']);
    expect(Buffer.byteLength(byOffset.get('1')!.value!)).toBe(100);
    const truncated = byOffset.get('2')!;
    expect(truncated.value).toBeNull();
    expect(truncated.key).toEqual(Buffer.from('key-2'));
    expect(truncated.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.truncatedFromBytes]: '6000',
      [DEAD_LETTER_HEADERS.valueSha256]: expect.stringMatching(/^[0-9a-f]{64}$/),
      [DEAD_LETTER_HEADERS.sourceTopic]: 'css.registrations.1',
      [DEAD_LETTER_HEADERS.reasonCode]: TransportReason.MalformedJson,
    });
    expect(truncated.headers).not.toHaveProperty('hh-type');
    expect(await truncatedCount()).toBe(1);
  });

  it('throws when the broker cannot be reached, so the batch is retried and nothing is truncated', async () => {
    const broker = new FakeBroker(5_000);
    broker.down = true;
    await expect(publisher(broker).publish('group', [{ raw: raw(1, 100), rejection }])).rejects.toThrow(/ECONNREFUSED/);
    expect(await truncatedCount()).toBe(0);
  });
});

describe('isRecordRefused', () => {
  it('is true for a refused record however kafkajs wraps it, false for a broker out of reach', () => {
    const tooLarge = new KafkaJSProtocolError({ type: 'MESSAGE_TOO_LARGE', code: 10, retriable: false, message: 'too large' } as never);
    expect(isRecordRefused(tooLarge)).toBe(true);
    expect(isRecordRefused(bailedOut(tooLarge))).toBe(true);
    expect(isRecordRefused(new KafkaJSNumberOfRetriesExceeded(new Error('ECONNREFUSED'), { retryCount: 5, retryTime: 1 }))).toBe(false);
    expect(isRecordRefused(new Error('anything'))).toBe(false);
  });
});
