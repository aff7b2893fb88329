import { DipMessage } from '@halfhour/domain';
import { AcceptedMpanDays, WHOLE_MESSAGES_KEPT } from './accepted-mpan-days';

function message(mpanCore: string, reference: string, kwh: (number | null)[]): DipMessage {
  return {
    common: {
      interfaceId: 'I', schemaVersion: '1', eventCode: 'E', senderDipId: 'S', senderRole: 'MDR', senderUniqueReference: reference, timestamp: 't',
      mpanCore, distributorId: '10', gspGroup: '_A', recipients: [],
    },
    custom: {
      srv: '4.8.1', settlementDate: '2026-12-01',
      periods: kwh.map((value, i) => ({ utcPeriodStart: `p${i}`, settlementPeriod: i + 1, quality: value === null ? 'MISSING' : 'ACTUAL', kwh: value })),
      registers: [],
    },
  };
}

describe('what the SIMULATED DIP keeps of what it accepted', () => {
  it('keeps each MPAN-day’s references and the values of its complete message, in pages in the order they arrived', () => {
    const accepted = new AcceptedMpanDays();
    accepted.add('a-1', message('1000000000001', 'a-1', [0.5, null]));
    accepted.add('b-1', message('1000000000002', 'b-1', [0.25, 0.75]));
    accepted.add('a-2', message('1000000000001', 'a-2', [0.5, 1.5]));
    accepted.add('a-3', message('1000000000001', 'a-3', [9, null]));
    expect(accepted.has('a-2')).toBe(true);
    expect(accepted.has('c-1')).toBe(false);
    expect(accepted.size).toBe(4);
    const first = accepted.page(0, 1);
    expect(first).toEqual({ next: 1, days: [{ mpanCore: '1000000000001', srv: '4.8.1', settlementDate: '2026-12-01', references: ['a-1', 'a-2', 'a-3'], complete: true, kwh: [0.5, 1.5] }] });
    expect(accepted.page(1, 1)).toEqual({ next: null, days: [expect.objectContaining({ mpanCore: '1000000000002', references: ['b-1'], kwh: [0.25, 0.75] })] });
    expect(accepted.page(2, 5)).toEqual({ next: null, days: [] });
  });

  it('keeps only the latest messages whole', () => {
    const accepted = new AcceptedMpanDays();
    for (let i = 0; i <= WHOLE_MESSAGES_KEPT; i++) accepted.add(`r-${i}`, message(String(1000000000000 + i), `r-${i}`, [1]));
    expect(accepted.message('r-0')).toBeUndefined();
    expect(accepted.message(`r-${WHOLE_MESSAGES_KEPT}`)?.common.senderUniqueReference).toBe(`r-${WHOLE_MESSAGES_KEPT}`);
    accepted.clear();
    expect(accepted.page(0, 10)).toEqual({ next: null, days: [] });
    expect(accepted.has('r-1')).toBe(false);
  });
});
