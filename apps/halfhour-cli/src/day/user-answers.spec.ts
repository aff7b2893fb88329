import { ENVELOPE_HEADERS, ServiceResponse } from '@halfhour/contracts';
import { TopicRecord } from './topic-reader';
import { userAnswersOf } from './user-answers';

const answer = (requestId: string, outcome: ServiceResponse['outcome']): ServiceResponse => ({
  requestId, userId: requestId.split(':')[0], responseCode: 'I0', outcome, message: 'm', respondedAt: '2026-12-09T06:00:00.000Z',
});
const record = (body: ServiceResponse, messageId?: string): TopicRecord => ({
  value: Buffer.from(JSON.stringify(body)),
  headers: messageId === undefined ? {} : { [ENVELOPE_HEADERS.messageId]: messageId },
});

describe('the user-responses topic as a user reads it', () => {
  it('drops an answer published again under a message ID already read, and counts it', () => {
    const data = answer('u1:d1:1', 'DATA');
    const { answers, repeatsDropped } = userAnswersOf([record(data, 'm-1'), record(answer('u1:d1:1', 'ACCEPTED'), 'm-2'), record(data, 'm-1')]);
    expect(answers.map((a) => a.outcome)).toEqual(['DATA', 'ACCEPTED']);
    expect(repeatsDropped).toBe(1);
  });

  it('keeps two answers to one request under different message IDs: that is a doubled answer for the check to see', () => {
    const data = answer('u1:d1:1', 'DATA');
    expect(userAnswersOf([record(data, 'm-1'), record(data, 'm-3')])).toEqual({ answers: [data, data], repeatsDropped: 0 });
  });

  it('keeps every answer without a message ID and skips records without a value', () => {
    const data = answer('u1:d1:1', 'DATA');
    expect(userAnswersOf([record(data), record(data), { value: null, headers: {} }])).toEqual({ answers: [data, data], repeatsDropped: 0 });
  });
});
