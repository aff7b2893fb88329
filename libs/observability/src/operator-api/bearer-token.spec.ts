import fc from 'fast-check';
import { bearerTokenMatches, operatorApiTokensOf } from './bearer-token';

describe('operator API bearer tokens', () => {
  const tokens = operatorApiTokensOf(' old-token-0123456789abcdef0123456789 , new-token-0123456789abcdef0123456789,');

  it('reads a comma-separated setting, and accepts any of its tokens', () => {
    expect(tokens).toEqual(['old-token-0123456789abcdef0123456789', 'new-token-0123456789abcdef0123456789']);
    expect(bearerTokenMatches('Bearer old-token-0123456789abcdef0123456789', tokens)).toBe(true);
    expect(bearerTokenMatches('Bearer new-token-0123456789abcdef0123456789', tokens)).toBe(true);
  });

  it('refuses a missing, malformed or wrong credential', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'bearer new-token-0123456789abcdef0123456789', 'Basic bmV3LXRva2Vu',
      'Bearer new-token-0123456789abcdef0123456789 ', 'Bearer new-token-0123456789abcdef012345678', 'Bearer new-token-0123456789abcdef01234567890']) {
      expect({ header, matches: bearerTokenMatches(header, tokens) }).toEqual({ header, matches: false });
    }
    expect(bearerTokenMatches('Bearer anything', [])).toBe(false);
  });

  it('accepts exactly the configured tokens', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[!-~]{1,40}$/), { maxLength: 4 }), fc.stringMatching(/^[!-~]{1,40}$/), (configured, presented) => {
      expect(bearerTokenMatches(`Bearer ${presented}`, configured)).toBe(configured.includes(presented));
    }));
  });
});
