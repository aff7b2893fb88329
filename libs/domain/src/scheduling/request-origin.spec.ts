import fc from 'fast-check';
import { originOf, originText, scheduleIdFor, scheduleIdIn } from './request-origin';

describe('request origins', () => {
  it('derive one schedule ID per request message, told apart from any request ID', () => {
    fc.assert(fc.property(fc.uuid(), fc.uuid(), (a, b) => {
      expect(scheduleIdFor(a)).toBe(scheduleIdFor(a));
      if (a !== b) expect(scheduleIdFor(a)).not.toBe(scheduleIdFor(b));
      expect(originOf(scheduleIdFor(a))).toEqual({ kind: 'SCHEDULE', dspScheduleId: scheduleIdFor(a) });
    }));
    const requestId = '00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:7';
    expect(originOf(requestId)).toEqual({ kind: 'ON_DEMAND', requestId });
    expect(scheduleIdIn(requestId)).toBeUndefined();
  });

  it('read back as the text they were written as', () => {
    for (const text of [scheduleIdFor('m-1'), '00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:7']) expect(originText(originOf(text))).toBe(text);
  });
});
