import fc from 'fast-check';
import { derivedMessageId } from './derived-message-id';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('derived message IDs', () => {
  it('gives the same UUID for the same kind and parts, every time', () => {
    fc.assert(fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), (kind, parts) => {
      const id = derivedMessageId(kind, ...parts);
      expect(id).toMatch(UUID_V5);
      expect(derivedMessageId(kind, ...parts)).toBe(id);
    }));
  });

  it('gives different UUIDs when any part differs, however the parts are split', () => {
    fc.assert(fc.property(fc.string(), fc.array(fc.string(), { maxLength: 4 }), fc.array(fc.string(), { maxLength: 4 }), (kind, a, b) => {
      fc.pre(JSON.stringify(a) !== JSON.stringify(b));
      expect(derivedMessageId(kind, ...a)).not.toBe(derivedMessageId(kind, ...b));
    }));
    expect(derivedMessageId('dip-answer', 'ab', 'c')).not.toBe(derivedMessageId('dip-answer', 'a', 'bc'));
    expect(derivedMessageId('dip-answer', 'x')).not.toBe(derivedMessageId('scheduler-answer', 'x'));
  });

  it('is stable across releases: a known name keeps its ID', () => {
    // A changed namespace or encoding would make every ID sent before an upgrade look new after it.
    expect(derivedMessageId('dip-answer', 'ref#1', 'req-1')).toBe('108e3f60-b942-5b0c-80fb-9a421521d2a0');
  });
});
