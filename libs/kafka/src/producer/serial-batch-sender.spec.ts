import { Producer, ProducerBatch } from 'kafkajs';
import { SerialBatchSender } from './serial-batch-sender';

describe('SerialBatchSender', () => {
  it('never has two sends in flight, keeps their order, and survives a failed send', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const order: string[] = [];
    const producer = {
      sendBatch: async (batch: ProducerBatch) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        const topic = batch.topicMessages![0].topic;
        if (topic === 'fails') throw new Error('broker said no');
        order.push(topic);
        return [];
      },
    } as unknown as Producer;
    const sender = new SerialBatchSender(producer);
    const batch = (topic: string) => ({ topicMessages: [{ topic, messages: [] }] });
    const results = await Promise.allSettled(['a', 'fails', 'b', 'c'].map((t) => sender.sendBatch(batch(t))));
    expect(maxInFlight).toBe(1);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
  });
});
