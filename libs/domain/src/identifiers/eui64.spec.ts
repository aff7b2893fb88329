import fc from 'fast-check';
import { isValidEui64, normaliseEui64 } from './eui64';
import { isValidMpid } from './mpid';

describe('EUI-64 device IDs', () => {
  it('accepts the canonical form and rejects others', () => {
    expect(isValidEui64('00-DB-12-34-56-78-90-A0')).toBe(true);
    expect(isValidEui64('00-db-12-34-56-78-90-a0')).toBe(false);
    expect(isValidEui64('00DB1234567890A0')).toBe(false);
    expect(isValidEui64('00-DB-12-34-56-78-90')).toBe(false);
  });

  it('normalises any spelling of the same 64 bits to one valid form', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.constantFrom('', ':', '-'), (bytes, sep) => {
        const hex = Buffer.from(bytes).toString('hex');
        const spelled = hex.match(/../g)!.join(sep);
        const canonical = normaliseEui64(spelled);
        return canonical !== undefined && isValidEui64(canonical) && canonical.replace(/-/g, '') === hex.toUpperCase();
      }),
    );
    expect(normaliseEui64('not-an-id')).toBeUndefined();
  });
});

describe('MPID', () => {
  it('is four upper-case letters', () => {
    expect(isValidMpid('ABCD')).toBe(true);
    expect(isValidMpid('ABC')).toBe(false);
    expect(isValidMpid('abcd')).toBe(false);
    expect(isValidMpid('AB1D')).toBe(false);
  });
});
