import fc from 'fast-check';
import { REQUEST_PURPOSES } from '../access/request-purpose';
import { MARKET_ROLES } from '../market/market-role';
import { DataRequester, routeData } from './data-routing';

const requester = fc.record({ role: fc.constantFrom(...MARKET_ROLES), purpose: fc.constantFrom(...REQUEST_PURPOSES), requestId: fc.uuid() });

describe('where a read’s data goes, by purpose', () => {
  it('sends an MDR’s MHHS read to the DIP and tells the MDR its reference', () => {
    const mdr = { role: 'MDR', purpose: 'MHHS' } as const;
    expect(routeData([mdr])).toEqual({ toDip: true, toldDipReference: [mdr], sentValues: [] });
  });

  it('keeps a supplier’s business-as-usual read, a distributor’s and an Other User’s from the DIP: their values go to them alone', () => {
    const others: DataRequester[] = [{ role: 'IS', purpose: 'BAU' }, { role: 'IS', purpose: 'MHHS' }, { role: 'ED', purpose: 'MHHS' }, { role: 'OU', purpose: 'BAU' }];
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
      expect(routing.toDip).toBe(requesters.some((r) => r.role === 'MDR' && r.purpose === 'MHHS'));
      expect(routing.toldDipReference.every((r) => r.role === 'MDR' && r.purpose === 'MHHS')).toBe(true);
    }));
  });
});
