import { ENVELOPE_HEADERS, Topics } from '@halfhour/contracts';
import { ProducerMetrics } from '@halfhour/observability';
import { Producer, ProducerBatch } from 'kafkajs';
import { Registry } from 'prom-client';
import { InvalidOutgoingMessage, TypedProducer } from './typed-producer';

/** Records what would be sent; the real broker round trip is in the integration tests. */
function recordingProducer(): { producer: Producer; sent: ProducerBatch[] } {
  const sent: ProducerBatch[] = [];
  const producer = { sendBatch: async (batch: ProducerBatch) => void sent.push(batch) } as unknown as Producer;
  return { producer, sent };
}

describe('TypedProducer', () => {
  const topic = Topics.marketParticipants;
  const [definition] = topic.messages;
  const body = { mpid: 'ABCD', name: 'A', roles: ['MDR' as const], effectiveFrom: '2026-04-01' };

  it('keys by the contract key and puts the envelope in headers', async () => {
    const { producer, sent } = recordingProducer();
    const typed = new TypedProducer(producer, ProducerMetrics.of(new Registry()));
    const [envelope] = await typed.publish(topic, [{ definition, body, envelope: { correlationId: 'corr-9' } }]);
    const [message] = sent[0].topicMessages![0].messages;
    expect(sent[0].topicMessages![0].topic).toBe(topic.name);
    expect(message.key).toBe('ABCD');
    expect(JSON.parse(String(message.value))).toEqual(body);
    expect(message.headers).toMatchObject({
      [ENVELOPE_HEADERS.messageId]: envelope.messageId,
      [ENVELOPE_HEADERS.correlationId]: 'corr-9',
      [ENVELOPE_HEADERS.messageType]: 'css.market-participant-updated',
      [ENVELOPE_HEADERS.schemaVersion]: '1',
    });
    expect(sent[0].acks).toBe(-1);
  });

  it('counts the messages of a failed send by topic, and lets the failure through to the caller', async () => {
    const failing = { sendBatch: async () => { throw new Error('NOT_ENOUGH_REPLICAS'); } } as unknown as Producer;
    const metrics = ProducerMetrics.of(new Registry());
    const typed = new TypedProducer(failing, metrics);
    await expect(typed.publish(topic, [{ definition, body }, { definition, body: { ...body, mpid: 'EFGH' } }])).rejects.toThrow('NOT_ENOUGH_REPLICAS');
    expect((await metrics.errors.get()).values).toEqual([expect.objectContaining({ labels: { topic: topic.name }, value: 2 })]);
    expect((await metrics.messages.get()).values).toEqual([]);
  });

  it('refuses to publish a body that breaks its contract, and sends nothing', async () => {
    const { producer, sent } = recordingProducer();
    const typed = new TypedProducer(producer, ProducerMetrics.of(new Registry()));
    await expect(typed.publish(topic, [{ definition, body: { ...body, mpid: 'abcd' } }])).rejects.toThrow(InvalidOutgoingMessage);
    expect(sent).toHaveLength(0);
  });
});
