import { ENVELOPE_HEADERS, ServiceResponse } from '@halfhour/contracts';
import { TopicRecord } from './topic-reader';
import { userAnswersOf } from './user-answers';

const answer = (requestId: string, outcome: ServiceResponse['outcome'], responseCode = 'I0'): ServiceResponse => ({
  requestId, userId: requestId.split(':')[0], responseCode, outcome, message: 'm', respondedAt: '2026-12-09T06:00:00.000Z',
});
const record = (body: ServiceResponse, messageId?: string): TopicRecord => ({
  value: Buffer.from(JSON.stringify(body)),
  headers: messageId === undefined ? {} : { [ENVELOPE_HEADERS.messageId]: messageId },
});

describe('the user-responses topic as a user reads it', () => {
  it('drops an answer published again under a message ID already read, and counts it', () => {
    const data = answer('u1:d1:1', 'DATA');
    const { codesByRequest, repeatsDropped } = userAnswersOf([record(data, 'm-1'), record(answer('u1:d1:1', 'ACCEPTED'), 'm-2'), record(data, 'm-1')]);
    expect(codesByRequest).toEqual(new Map([['u1:d1:1', ['DATA', 'I0']]]));
    expect(repeatsDropped).toBe(1);
  });

  it('tells an answer carrying the values (a read of the user’s own) from one naming where settlement data went', () => {
    const values = { mpan: '1400000000011', srv: '4.8.1', dataDay: '2026-12-08', outcome: 'COMPLETE' as const, periods: [], registers: [] };
    const { codesByRequest } = userAnswersOf([record(answer('u1:d1:1', 'DATA'), 'm-1'), record({ ...answer('u2:d1:1', 'DATA'), values }, 'm-2')]);
    expect(codesByRequest).toEqual(new Map([['u1:d1:1', ['DATA']], ['u2:d1:1', ['VALUES']]]));
  });

  it('keeps two answers to one request under different message IDs: that is a doubled answer for the check to see', () => {
    const data = answer('u1:d1:1', 'DATA');
    expect(userAnswersOf([record(data, 'm-1'), record(data, 'm-3')])).toEqual({ codesByRequest: new Map([['u1:d1:1', ['DATA', 'DATA']]]), repeatsDropped: 0 });
  });

  it('keeps every answer without a message ID, skips records without a value, and keeps a refusal’s code', () => {
    const data = answer('u1:d1:1', 'DATA');
    const refused = answer('u2:d1:1', 'REFUSED', 'E30');
    expect(userAnswersOf([record(data), record(data), record(refused), { value: null, headers: {} }])).toEqual({
      codesByRequest: new Map([['u1:d1:1', ['DATA', 'DATA']], ['u2:d1:1', ['E30']]]), repeatsDropped: 0,
    });
  });
});
