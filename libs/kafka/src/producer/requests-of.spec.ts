import { requestsOf } from './typed-producer';

describe('requestsOf', () => {
  const message = (n: number, bytes: number) => ({ key: `k${n}`, value: 'x'.repeat(bytes) });

  it('splits a large publish into requests under the limit, keeping every message once and in order', () => {
    const input = [
      { topic: 'a', messages: Array.from({ length: 10 }, (_, i) => message(i, 300)) },
      { topic: 'b', messages: Array.from({ length: 5 }, (_, i) => message(i, 300)) },
    ];
    const requests = requestsOf(input, 1000);
    expect(requests.length).toBeGreaterThan(4);
    const flattened = requests.flatMap((request) => request.flatMap(({ topic, messages }) => messages.map((m) => `${topic}:${m.key}`)));
    expect(flattened).toEqual([...input[0].messages.map((m) => `a:${m.key}`), ...input[1].messages.map((m) => `b:${m.key}`)]);
    for (const request of requests) {
      const size = request.flatMap((t) => t.messages).reduce((sum, m) => sum + 64 + String(m.key).length + String(m.value).length, 0);
      expect(size <= 1000 || request.flatMap((t) => t.messages).length === 1).toBe(true);
    }
  });

  it('sends a small publish as one request, and nothing for nothing', () => {
    expect(requestsOf([{ topic: 'a', messages: [message(1, 10)] }, { topic: 'b', messages: [message(2, 10)] }], 1000)).toHaveLength(1);
    expect(requestsOf([{ topic: 'a', messages: [] }], 1000)).toEqual([]);
  });
});
