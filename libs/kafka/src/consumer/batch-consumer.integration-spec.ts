import { ENVELOPE_HEADERS, newEnvelope, TransportReason } from '@halfhour/contracts';
import { committedOffsets, eventually, readMessages } from '@halfhour/testing';
import { KafkaTestHarness, mpidFor, participant, Participant } from '../../test/kafka-test-harness';
import { ConsumedMessage } from './consumed-message';
import { DEAD_LETTER_HEADERS } from './dead-letter-publisher';
import { encodeEnvelope } from '../envelope-headers';
import { MessageRejected, TransientFailure } from './handling-error';

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe('BatchConsumer on a real broker', () => {
  let harness: KafkaTestHarness;

  beforeEach(async () => {
    harness = await new KafkaTestHarness().setUp();
  });

  afterEach(() => harness.tearDown());

  it('delivers every published message once, in order per key, and commits to the end', async () => {
    const handled: ConsumedMessage<Participant>[] = [];
    const groupId = 'round-trip-' + Date.now();
    const consumer = harness.consumer({ groupId, maxBatchSize: 50, handler: { handleBatch: async (batch) => void handled.push(...batch) } });
    await consumer.start();
    await harness.publish(range(300));

    await eventually(() => expect(handled).toHaveLength(300));
    expect(new Set(handled.map((m) => m.body.mpid)).size).toBe(300);
    expect(handled[0].envelope.messageType).toBe('css.market-participant-updated');
    for (const partition of new Set(handled.map((m) => m.partition))) {
      const offsets = handled.filter((m) => m.partition === partition).map((m) => BigInt(m.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }

    const ends = await harness.admin.fetchTopicOffsets(harness.topic.name);
    await eventually(async () => {
      const committed = await committedOffsets(harness.admin, groupId, harness.topic.name);
      for (const end of ends) expect(committed.get(end.partition)).toBe(end.high);
    });
    expect(await harness.metricValue('halfhour_consumer_messages_total', { outcome: 'handled' })).toBe(300);
  });

  it('dead-letters messages near the broker’s record limit whole, several in one batch, and keeps consuming', async () => {
    const handled: string[] = [];
    const consumer = harness.consumer({ handler: { handleBatch: async (batch) => void handled.push(...batch.map((m) => m.body.mpid)) } });
    const key = mpidFor(7);
    // Each fits its own topic (1 MiB by default) with nothing to spare; with the dead-letter headers it would not.
    const nearLimit = (i: number) => ({ key, value: `{not json ${i}`.padEnd(1_047_000, ' '), headers: encodeEnvelope(newEnvelope('css.market-participant-updated', 1)) });
    for (const i of range(3)) await harness.rawProducer.send({ topic: harness.topic.name, messages: [nearLimit(i)] });
    await harness.rawProducer.send({ topic: harness.topic.name, messages: [{ key, value: JSON.stringify(participant(7)), headers: encodeEnvelope(newEnvelope('css.market-participant-updated', 1)) }] });
    await consumer.start();

    await eventually(() => expect(handled).toEqual([key]));
    const letters = await readMessages(harness.kafka, `${harness.topic.name}.dlq`, 3);
    expect(letters.map((m) => m.value?.length)).toEqual([1_047_000, 1_047_000, 1_047_000]);
    expect(letters.map((m) => m.headers?.[DEAD_LETTER_HEADERS.sourceOffset]?.toString())).toEqual(['0', '1', '2']);
    expect(consumer.state.status).toBe('running');
    expect(await harness.metricValue('halfhour_consumer_dead_letters_total', { reason: TransportReason.MalformedJson })).toBe(3);
  });

  it('dead-letters malformed messages with their reason and keeps handling the good ones', async () => {
    const handled: string[] = [];
    const consumer = harness.consumer({ handler: { handleBatch: async (batch) => void handled.push(...batch.map((m) => m.body.mpid)) } });
    const envelope = () => encodeEnvelope(newEnvelope('css.market-participant-updated', 1));
    const good = (i: number) => ({ key: mpidFor(i), value: JSON.stringify(participant(i)), headers: envelope() });
    // Everything on one key (one partition), so the good message after the bad ones proves they did not block it.
    const key = mpidFor(1);
    const { [ENVELOPE_HEADERS.messageId]: _dropped, ...withoutId } = envelope();
    await harness.rawProducer.send({
      topic: harness.topic.name,
      messages: [
        good(1),
        { key, value: '{not json', headers: envelope() },
        { key, value: JSON.stringify(participant(1)), headers: withoutId },
        { key, value: JSON.stringify({ ...participant(1), roles: ['NOPE'] }), headers: envelope() },
        { key: 'WXYZ', value: JSON.stringify(participant(1)), headers: envelope() },
        { key, value: JSON.stringify(participant(1)), headers: encodeEnvelope(newEnvelope('css.unknown', 1)) },
        { ...good(1), value: JSON.stringify({ ...participant(1), name: 'after the bad ones' }) },
      ],
    });
    await consumer.start();

    const letters = await readMessages(harness.kafka, `${harness.topic.name}.dlq`, 5);
    const reasons = letters.map((m) => m.headers?.[DEAD_LETTER_HEADERS.reasonCode]?.toString());
    expect(reasons).toEqual([
      TransportReason.MalformedJson,
      TransportReason.MissingHeader,
      TransportReason.SchemaViolation,
      TransportReason.KeyMismatch,
      TransportReason.UnknownMessageType,
    ]);
    expect(letters[0].value?.toString()).toBe('{not json');
    expect(letters[0].headers?.[DEAD_LETTER_HEADERS.sourceTopic]?.toString()).toBe(harness.topic.name);
    expect(letters[0].headers?.[DEAD_LETTER_HEADERS.sourceOffset]?.toString()).toBe('1');
    expect(letters[2].headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toContain('roles: each value in roles must be one of');
    expect(letters[1].headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toContain('hh-message-id');
    await eventually(() => expect(handled).toEqual([key, key]));
    expect(await harness.metricValue('halfhour_consumer_dead_letters_total', { reason: TransportReason.MalformedJson })).toBe(1);
  });

  it('isolates a poison message that makes the handler throw, and handles the rest of its batch', async () => {
    const poison = mpidFor(7);
    const handled: string[] = [];
    const consumer = harness.consumer({
      maxBatchSize: 100,
      handler: {
        handleBatch: async (batch) => {
          if (batch.some((m) => m.body.mpid === poison)) throw new TypeError('cannot read properties of undefined');
          handled.push(...batch.map((m) => m.body.mpid));
        },
      },
    });
    await harness.publish(range(20));
    await consumer.start();

    const [letter] = await readMessages(harness.kafka, `${harness.topic.name}.dlq`, 1);
    expect(letter.key?.toString()).toBe(poison);
    expect(letter.headers?.[DEAD_LETTER_HEADERS.reasonCode]?.toString()).toBe(TransportReason.HandlerFailed);
    expect(letter.headers?.[DEAD_LETTER_HEADERS.reason]?.toString()).toBe('TypeError: cannot read properties of undefined');
    await eventually(() => expect(new Set(handled)).toEqual(new Set(range(20).map(mpidFor).filter((m) => m !== poison))));
  });

  it('dead-letters a typed domain rejection at once, and the result’s rejections too', async () => {
    const handled: string[] = [];
    const consumer = harness.consumer({
      handler: {
        handleBatch: async (batch) => {
          if (batch.length === 1 && batch[0].body.mpid === mpidFor(2)) throw new MessageRejected('MPID_NOT_MDR', 'not an MDR');
          if (batch.some((m) => m.body.mpid === mpidFor(2))) throw new MessageRejected('MPID_NOT_MDR', 'not an MDR');
          handled.push(...batch.map((m) => m.body.mpid));
          return { rejected: batch.filter((m) => m.body.mpid === mpidFor(3)).map((message) => ({ message, rejection: { reasonCode: 'UNKNOWN_MPID', message: 'no such participant' } })) };
        },
      },
    });
    await harness.publish(range(5));
    await consumer.start();

    const letters = await readMessages(harness.kafka, `${harness.topic.name}.dlq`, 2);
    const byKey = Object.fromEntries(letters.map((l) => [l.key?.toString(), l.headers?.[DEAD_LETTER_HEADERS.reasonCode]?.toString()]));
    expect(byKey).toEqual({ [mpidFor(2)]: 'MPID_NOT_MDR', [mpidFor(3)]: 'UNKNOWN_MPID' });
    await eventually(() => expect(handled).toHaveLength(4));
  });

  it('retries a transient failure until it passes, losing nothing and dead-lettering nothing', async () => {
    let failuresLeft = 3;
    const handled: string[] = [];
    const consumer = harness.consumer({
      handler: {
        handleBatch: async (batch) => {
          if (failuresLeft-- > 0) throw new TransientFailure('DATABASE_UNAVAILABLE', 'connection refused');
          handled.push(...batch.map((m) => m.body.mpid));
        },
      },
    });
    await harness.publish(range(10));
    await consumer.start();

    await eventually(() => expect(new Set(handled)).toEqual(new Set(range(10).map(mpidFor))));
    expect(await harness.metricValue('halfhour_consumer_batch_retries_total', {})).toBeGreaterThanOrEqual(3);
    expect(await harness.metricValue('halfhour_consumer_dead_letters_total', {})).toBe(0);
    expect(consumer.state.status).toBe('running');
  });

  it('resumes after a restart mid-stream from the committed offset, repeating and losing nothing', async () => {
    const groupId = 'restart-' + Date.now();
    const firstRun: string[] = [];
    const first = harness.consumer({ groupId, maxBatchSize: 10, handler: { handleBatch: async (b) => void firstRun.push(...b.map((m) => m.body.mpid)) } });
    await harness.publish(range(100));
    await first.start();
    await eventually(() => expect(firstRun.length).toBeGreaterThanOrEqual(30));
    await first.stop();

    const committed = await committedOffsets(harness.admin, groupId, harness.topic.name);
    const committedTotal = [...committed.values()].reduce((sum, o) => sum + Math.max(0, Number(o)), 0);
    expect(committedTotal).toBe(firstRun.length);

    await harness.publish(range(100, 100));
    const secondRun: string[] = [];
    const second = harness.consumer({ groupId, handler: { handleBatch: async (b) => void secondRun.push(...b.map((m) => m.body.mpid)) } });
    await second.start();
    await eventually(() => expect(firstRun.length + secondRun.length).toBe(200));
    const all = [...firstRun, ...secondRun];
    expect(new Set(all).size).toBe(200);
    expect(secondRun.filter((mpid) => firstRun.includes(mpid))).toEqual([]);
  });
});
