import fc from 'fast-check';
import {
  findMpanCoreProblem,
  gspGroupOf,
  isValidMpanCore,
  mpanCheckDigit,
  mpanCoreFrom,
} from './mpan-core';

const distributorIds = fc.integer({ min: 10, max: 99 }).map(String);
const serials = fc.stringMatching(/^\d{10}$/);

describe('MPAN core', () => {
  it('accepts the brief’s worked example', () => {
    expect(isValidMpanCore('1200001234566')).toBe(true);
    expect(mpanCheckDigit('120000123456')).toBe(6);
  });

  it('names what is wrong with a bad core', () => {
    expect(findMpanCoreProblem('120000123456')).toBe('NOT_13_DIGITS');
    expect(findMpanCoreProblem('12000012345A6')).toBe('NOT_13_DIGITS');
    expect(findMpanCoreProblem('0900001234566')).toBe('UNKNOWN_DISTRIBUTOR');
    expect(findMpanCoreProblem('1200001234567')).toBe('BAD_CHECK_DIGIT');
  });

  it('validates every core it builds', () => {
    fc.assert(
      fc.property(distributorIds, serials, (distributor, serial) =>
        isValidMpanCore(mpanCoreFrom(distributor, serial)),
      ),
    );
  });

  it('rejects any single-digit change to the check digit', () => {
    fc.assert(
      fc.property(distributorIds, serials, fc.integer({ min: 1, max: 9 }), (d, s, delta) => {
        const core = mpanCoreFrom(d, s);
        const wrong = `${core.slice(0, 12)}${(Number(core[12]) + delta) % 10}`;
        return findMpanCoreProblem(wrong) === 'BAD_CHECK_DIGIT';
      }),
    );
  });

  it('maps public distributors to their GSP group and leaves IDNOs unmapped', () => {
    expect(gspGroupOf(mpanCoreFrom('10', '0000000001'))).toBe('_A');
    expect(gspGroupOf(mpanCoreFrom('17', '0000000001'))).toBe('_P');
    expect(gspGroupOf(mpanCoreFrom('23', '0000000001'))).toBe('_M');
    expect(gspGroupOf(mpanCoreFrom('24', '0000000001'))).toBeUndefined();
  });
});
