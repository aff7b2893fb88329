import { isSmets1Provider, providerKeyOf } from './provider-key';

describe('providerKeyOf', () => {
  it('names CSPs by region and S1SPs by their ID, prefixed once', () => {
    expect(providerKeyOf({ kind: 'CSP', region: 'NORTH' })).toBe('CSP-NORTH');
    expect(providerKeyOf({ kind: 'S1SP', s1spId: 'S1SP-A' })).toBe('S1SP-A');
    expect(providerKeyOf({ kind: 'S1SP', s1spId: 'MORE' })).toBe('S1SP-MORE');
    expect([isSmets1Provider('S1SP-A'), isSmets1Provider('CSP-SOUTH')]).toEqual([true, false]);
  });
});
