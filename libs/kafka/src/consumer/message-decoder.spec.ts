import { newEnvelope, Topics, TransportReason } from '@halfhour/contracts';
import { randomUUID } from 'node:crypto';
import { encodeEnvelope } from '../envelope-headers';
import { RawMessage } from './consumed-message';
import { decodeMessage } from './message-decoder';

const tombstone = (topic: string, key: string, offset = '7'): RawMessage => ({ topic, partition: 1, offset, key: Buffer.from(key), value: null, headers: {} });
const USER = '90-B3-D5-1F-30-01-00-01';

describe('decodeMessage, for a tombstone', () => {
  it('reads one on the users topic as the deletion of the user its key names, with an ID its place in the log fixes', () => {
    const outcome = decodeMessage(Topics.users, tombstone('dcc.users.1', USER));
    expect(outcome).toMatchObject({ ok: true, message: { key: USER, body: { userId: USER }, envelope: { messageType: 'dcc.user-deleted', schemaVersion: '1' } } });
    const again = decodeMessage(Topics.users, tombstone('dcc.users.1', USER));
    const later = decodeMessage(Topics.users, tombstone('dcc.users.1', USER, '8'));
    if (!outcome.ok || !again.ok || !later.ok) throw new Error('decoded above');
    expect(again.message.envelope.messageId).toBe(outcome.message.envelope.messageId);
    expect(later.message.envelope.messageId).not.toBe(outcome.message.envelope.messageId);
  });

  it('rejects one whose key is not a user ID, and one on a topic where a tombstone means nothing', () => {
    expect(decodeMessage(Topics.users, tombstone('dcc.users.1', 'not-a-user'))).toMatchObject({ ok: false, rejection: { message: expect.stringContaining('tombstone key') } });
    expect(decodeMessage(Topics.mpanTimelines, tombstone('registration.mpan-timelines.1', '1200001234566'))).toMatchObject({
      ok: false, rejection: { reasonCode: TransportReason.MissingHeader },
    });
  });
});

describe('decodeMessage, for the envelope', () => {
  const record = (messageId: string): RawMessage => ({
    topic: 'dcc.users.1', partition: 0, offset: '1', key: Buffer.from(USER), value: Buffer.from('{}'),
    headers: encodeEnvelope({ ...newEnvelope('dcc.user-updated', 1), messageId }),
  });

  it('takes only a UUID as the message ID consumers drop duplicates by', () => {
    for (const messageId of ['1', 'old-id', '=HYPERLINK("x")', '00000000-0000-0000-0000-00000000000g']) {
      expect(decodeMessage(Topics.users, record(messageId))).toMatchObject({ ok: false, rejection: { reasonCode: TransportReason.InvalidMessageId } });
    }
    // With a UUID, the envelope passes and the body is checked next (this one is empty).
    expect(decodeMessage(Topics.users, record(randomUUID()))).toMatchObject({ ok: false, rejection: { reasonCode: expect.not.stringMatching(/MESSAGE_ID/) } });
  });
});
