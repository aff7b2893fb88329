import fc from 'fast-check';
import { REQUEST_PURPOSES } from '../access/request-purpose';
import { MARKET_ROLES } from '../market/market-role';
import { DataRequester, isSettlementRead, routeData } from './data-routing';

const requester = fc.record({ role: fc.constantFrom(...MARKET_ROLES), purpose: fc.constantFrom(...REQUEST_PURPOSES), requestId: fc.uuid() });

describe('where a read’s data goes, by purpose', () => {
  it('sends an MDR’s MHHS read to the DIP, and a supplier’s retrieving its own HH data, and tells each its reference', () => {
    for (const role of ['MDR', 'IS', 'ES'] as const) {
      const collector = { role, purpose: 'MHHS' } as const;
      expect(routeData([collector])).toEqual({ toDip: true, toldDipReference: [collector], sentValues: [] });
    }
  });

  it('keeps a supplier’s business-as-usual read, a distributor’s and an Other User’s from the DIP: their values go to them alone', () => {
    const others: DataRequester[] = [{ role: 'IS', purpose: 'BAU' }, { role: 'ES', purpose: 'BAU' }, { role: 'ED', purpose: 'MHHS' }, { role: 'OU', purpose: 'MHHS' }, { role: 'GS', purpose: 'MHHS' }];
    expect(routeData(others)).toEqual({ toDip: false, toldDipReference: [], sentValues: others });
  });

  it('sends a read collected once for a settlement user and a supplier to the DIP once and the supplier its values', () => {
    const mdr = { role: 'MDR', purpose: 'MHHS' } as const;
    const supplier = { role: 'IS', purpose: 'BAU' } as const;
    expect(routeData([supplier, mdr, mdr])).toEqual({ toDip: true, toldDipReference: [mdr, mdr], sentValues: [supplier] });
  });

  it('answers every requester exactly once, and reaches the DIP exactly when a settlement read is among them', () => {
    fc.assert(fc.property(fc.array(requester, { maxLength: 12 }), (requesters) => {
      const routing = routeData(requesters);
      const answered = [...routing.toldDipReference, ...routing.sentValues].map((r) => r.requestId).sort();
      expect(answered).toEqual(requesters.map((r) => r.requestId).sort());
      const settlement = (r: DataRequester) => r.purpose === 'MHHS' && ['MDR', 'IS', 'ES'].includes(r.role);
      expect(routing.toDip).toBe(requesters.some(settlement));
      expect(routing.toldDipReference.every(settlement)).toBe(true);
      expect(routing.sentValues.some(isSettlementRead)).toBe(false);
    }));
  });
});
