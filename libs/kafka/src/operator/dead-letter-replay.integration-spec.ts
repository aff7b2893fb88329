import { readMessages, testKafka, uniqueName } from '@halfhour/testing';
import { DEAD_LETTER_HEADERS } from '../consumer/dead-letter-publisher';
import { REPLAY_HEADERS, replayDeadLetters } from './dead-letter-replay';

describe('replaying a dead-letter topic on the real broker', () => {
  const kafka = testKafka('dlq-replay-test');
  const topic = `${uniqueName('replayed')}.1`;
  const dlq = `${topic}.dlq`;

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }, { topic: dlq, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
  });

  const letter = (key: string, reasonCode: string, extra: Record<string, string> = {}) => ({
    key, value: JSON.stringify({ key }),
    headers: { 'hh-message-id': `id-${key}`, [DEAD_LETTER_HEADERS.reasonCode]: reasonCode, [DEAD_LETTER_HEADERS.reason]: 'why', [DEAD_LETTER_HEADERS.sourceTopic]: topic, [DEAD_LETTER_HEADERS.sourceOffset]: '7', ...extra },
  });
  const who = { deadLetterTopic: dlq, requestedBy: 'duty-operator', reason: 'the registry knows these MPANs now' };

  it('sends the letters of one reason back to their topic as they were, with who replayed them; again, nothing new; then the rest', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: dlq, messages: [letter('a', 'UNKNOWN_MPAN'), letter('b', 'UNKNOWN_MPAN'), letter('c', 'SCHEMA_VIOLATION'), { ...letter('d', 'UNKNOWN_MPAN', { [DEAD_LETTER_HEADERS.truncatedFromBytes]: '2000000' }), value: null },
      // Written straight to the DLQ by someone who may, naming another topic: never replayed there, nor here.
      letter('f', 'UNKNOWN_MPAN', { [DEAD_LETTER_HEADERS.sourceTopic]: 'dcc.users.1' })] });

    expect(await replayDeadLetters(kafka, { ...who, reasonCode: 'UNKNOWN_MPAN' })).toEqual({ replayed: 2, skipped: { OTHER_REASON: 1, TRUNCATED: 1, FOREIGN_SOURCE: 1 } });
    const replayed = await readMessages(kafka, topic, 2);
    expect(replayed.map((m) => m.key!.toString()).sort()).toEqual(['a', 'b']);
    for (const message of replayed) {
      const headers = Object.fromEntries(Object.entries(message.headers!).map(([name, value]) => [name, String(value)]));
      expect(headers).toMatchObject({ 'hh-message-id': `id-${message.key}`, [REPLAY_HEADERS.replayedBy]: 'duty-operator', [REPLAY_HEADERS.reason]: who.reason });
      expect(headers[REPLAY_HEADERS.replayedFrom]).toMatch(new RegExp(`^${dlq.replaceAll('.', '\\.')}/[01]/\\d+$`));
      expect(Object.keys(headers).filter((name) => name.startsWith('hh-dlq-'))).toEqual([]);
      expect(JSON.parse(message.value!.toString())).toEqual({ key: message.key!.toString() });
    }

    // Run twice: nothing new to replay.
    expect(await replayDeadLetters(kafka, { ...who, reasonCode: 'UNKNOWN_MPAN' })).toEqual({ replayed: 0, skipped: {} });
    // A letter that arrives later is replayed by the next run, alone.
    await producer.send({ topic: dlq, messages: [letter('e', 'UNKNOWN_MPAN')] });
    expect(await replayDeadLetters(kafka, { ...who, reasonCode: 'UNKNOWN_MPAN' })).toEqual({ replayed: 1, skipped: {} });
    await producer.disconnect();
    expect((await readMessages(kafka, topic, 3)).map((m) => m.key!.toString()).sort()).toEqual(['a', 'b', 'e']);
  });
});
