import { DEAD_LETTER_HEADERS } from '../consumer/dead-letter-publisher';
import { replayOf, sourceTopicOf } from './dead-letter-replay';

const request = { deadLetterTopic: 'css.registrations.1.dlq', requestedBy: 'ops', reason: 'fixed' };
const letter = (sourceTopic?: string) => ({
  partition: 0, offset: '3', key: Buffer.from('k'), value: Buffer.from('{}'),
  headers: { [DEAD_LETTER_HEADERS.reasonCode]: 'UNKNOWN_MPAN', ...(sourceTopic === undefined ? {} : { [DEAD_LETTER_HEADERS.sourceTopic]: sourceTopic }) },
});

describe('replaying a dead letter', () => {
  it('sends it back to the topic its dead-letter topic belongs to', () => {
    expect(replayOf(letter('css.registrations.1'), request, new Date())).toMatchObject({ replay: true, topic: 'css.registrations.1' });
  });

  it('never follows a source header that names another topic, or a letter with none', () => {
    expect(replayOf(letter('access.authorised-requests.1'), request, new Date())).toEqual({ replay: false, why: 'FOREIGN_SOURCE' });
    expect(replayOf(letter('dcc.users.1'), request, new Date())).toEqual({ replay: false, why: 'FOREIGN_SOURCE' });
    expect(replayOf(letter(), request, new Date())).toEqual({ replay: false, why: 'FOREIGN_SOURCE' });
  });

  it('replays only from a dead-letter topic', () => {
    expect(sourceTopicOf('dcc.users.1.dlq')).toBe('dcc.users.1');
    expect(() => sourceTopicOf('dcc.users.1')).toThrow(RangeError);
    expect(() => sourceTopicOf('.dlq')).toThrow(RangeError);
  });
});
