import { Topics } from '@halfhour/contracts';
import { decodeMessage } from '@halfhour/kafka';
import { OutgoingRecord } from '@halfhour/kafka';
import { INBOUND_TOPICS, malformedMessages, PROBE_HEADER } from './malformed-input';

const asRaw = (topic: string, message: OutgoingRecord) => ({
  topic, partition: 0, offset: '0', key: Buffer.from(message.key as string), value: Buffer.from(message.value as string),
  headers: Object.fromEntries(Object.entries(message.headers!).map(([name, value]) => [name, Buffer.from(String(value))])),
});

describe('the campaign’s malformed messages', () => {
  it('are keyed and marked one by one, the last ones near the broker’s size limit', () => {
    const messages = malformedMessages(Topics.registrations, 12, 2);
    expect(new Set(messages.map((m) => m.headers![PROBE_HEADER])).size).toBe(12);
    expect(messages.every((m) => typeof m.key === 'string' && m.key.length > 0)).toBe(true);
    const sizes = messages.map((m) => Buffer.byteLength(m.value as string));
    expect(sizes.slice(-2).every((size) => size > 999_000 && size < 1_048_576)).toBe(true);
    expect(sizes.slice(0, -2).every((size) => size < 10_000)).toBe(true);
  });

  it('are every one refused by the consumers’ own decoding, for each of five reasons, on every inbound topic', () => {
    for (const topic of INBOUND_TOPICS) {
      const reasons = malformedMessages(topic, 10, 1).map((message) => {
        const outcome = decodeMessage(topic, asRaw(topic.name, message));
        return outcome.ok ? 'ACCEPTED' : outcome.rejection.reasonCode;
      });
      expect(reasons).not.toContain('ACCEPTED');
      expect(new Set(reasons).size).toBeGreaterThanOrEqual(4);
    }
  });
});
