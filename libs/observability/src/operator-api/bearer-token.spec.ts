import fc from 'fast-check';
import { operatorIdentityOf } from './bearer-token';
import { credentialsFromSetting } from './operator-credentials';

describe('operator API bearer tokens', () => {
  const credentials = credentialsFromSetting(' duty-operator:write:old-token-0123456789abcdef0123456789 , console:read:new-token-0123456789abcdef0123456789,');

  it('names the caller and its scope for any configured token', () => {
    expect(operatorIdentityOf('Bearer old-token-0123456789abcdef0123456789', credentials)).toEqual({ name: 'duty-operator', scope: 'write' });
    expect(operatorIdentityOf('Bearer new-token-0123456789abcdef0123456789', credentials)).toEqual({ name: 'console', scope: 'read' });
  });

  it('reads a bare token as the operator with write scope', () => {
    expect(credentialsFromSetting('bare-token-0123456789abcdef0123456789')).toEqual([{ name: 'operator', scope: 'write', token: 'bare-token-0123456789abcdef0123456789' }]);
  });

  it('refuses a missing, malformed or wrong credential', () => {
    for (const header of [undefined, '', 'Bearer', 'Bearer ', 'bearer new-token-0123456789abcdef0123456789', 'Basic bmV3LXRva2Vu',
      'Bearer new-token-0123456789abcdef0123456789 ', 'Bearer new-token-0123456789abcdef012345678', 'Bearer new-token-0123456789abcdef01234567890']) {
      expect({ header, who: operatorIdentityOf(header, credentials) }).toEqual({ header, who: undefined });
    }
    expect(operatorIdentityOf('Bearer anything', [])).toBeUndefined();
  });

  it('accepts exactly the configured tokens', () => {
    fc.assert(fc.property(fc.array(fc.stringMatching(/^[!-~]{1,40}$/), { maxLength: 4 }), fc.stringMatching(/^[!-~]{1,40}$/), (configured, presented) => {
      const who = operatorIdentityOf(`Bearer ${presented}`, configured.map((token, i) => ({ name: `client-${i}`, scope: 'read' as const, token })));
      expect(who !== undefined).toBe(configured.includes(presented));
    }));
  });
});
