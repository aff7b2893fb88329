import { BadRequestException } from '@nestjs/common';
import { auditFiltersOf, auditPageOf, cursorAfter } from './audit-query';

const reasonOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return ((error as BadRequestException).getResponse() as { reasonCode: string }).reasonCode;
  }
  return 'accepted';
};

describe('the audit query', () => {
  it('reads a settlement day as its local midnights (a GMT day here)', () => {
    expect(auditFiltersOf({ day: '2026-12-02' })).toEqual({ since: new Date('2026-12-02T00:00:00Z'), until: new Date('2026-12-03T00:00:00Z') });
    expect(auditFiltersOf({ day: '2026-07-02' })).toEqual({ since: new Date('2026-07-01T23:00:00Z'), until: new Date('2026-07-02T23:00:00Z') });
  });

  it('gives a cursor that brings back the position it was made from', () => {
    const position = { decidedAt: new Date('2026-12-02T10:11:12.345Z'), messageId: 'm-1' };
    expect(auditPageOf({ cursor: cursorAfter(position) }).after).toEqual(position);
  });

  it('filters by decision: authorised, refused or one response code', () => {
    expect(auditFiltersOf({ decision: 'refused' }).decision).toBe('refused');
    expect(auditFiltersOf({ decision: 'E31' }).decision).toEqual({ responseCode: 'E31' });
  });

  it('refuses what it cannot read, naming why', () => {
    expect(reasonOf(() => auditPageOf({ cursor: 'bm90IGEgY3Vyc29y' }))).toBe('INVALID_CURSOR');
    expect(reasonOf(() => auditPageOf({ cursor: '%%%' }))).toBe('INVALID_CURSOR');
    expect(reasonOf(() => auditFiltersOf({ day: '2026-02-30' }))).toBe('INVALID_DATE');
    expect(reasonOf(() => auditFiltersOf({ day: '2026-12-02', since: '2026-12-01T00:00:00Z' }))).toBe('INVALID_PERIOD');
    expect(reasonOf(() => auditFiltersOf({ decision: 'maybe' }))).toBe('INVALID_DECISION');
    expect(reasonOf(() => auditPageOf({ limit: '1001' }))).toBe('INVALID_LIMIT');
    expect(reasonOf(() => auditFiltersOf({ mpan: '123' }))).toBe('INVALID_MPAN');
    expect(reasonOf(() => auditPageOf({ limit: '1000', decision: 'E31', day: '2026-12-02' }))).toBe('accepted');
  });
});
