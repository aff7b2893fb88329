import fc from 'fast-check';
import { mhhsReadsPerSlot } from './capacity';
import { capacityInOutage, evidenceOf, nextOutageState, OutageSettings } from './provider-outage';

const settings: OutageSettings = { failuresToDeclare: 5, capacityShare: 0.1 };

describe('provider outages', () => {
  it('counts only the provider’s own failures, and any read it answered as a sign of life', () => {
    const evidence = evidenceOf([
      { provider: 'CSP-SOUTH', outcome: 'FAILED', failureCode: 'PROVIDER_UNAVAILABLE' },
      { provider: 'CSP-SOUTH', outcome: 'FAILED', failureCode: 'TIMEOUT' },
      { provider: 'CSP-SOUTH', outcome: 'FAILED', failureCode: 'NO_DATA' },
      { provider: 'CSP-NORTH', outcome: 'PARTIAL', failureCode: 'MISSING_PERIODS' },
      { provider: 'CSP-NORTH', outcome: 'FAILED', failureCode: 'PROVIDER_ERROR' },
    ]);
    expect(Object.fromEntries(evidence)).toEqual({ 'CSP-SOUTH': { answered: 0, providerFailures: 2 }, 'CSP-NORTH': { answered: 1, providerFailures: 1 } });
  });

  it('declares an outage after enough failures with no answer between them, and ends it at the first answer', () => {
    fc.assert(fc.property(fc.array(fc.record({ answered: fc.integer({ min: 0, max: 2 }), providerFailures: fc.integer({ min: 0, max: 3 }) }), { maxLength: 30 }), (batches) => {
      let state = { failures: 0, out: false };
      let sinceAnswer = 0;
      for (const batch of batches) {
        const wasOut = state.out;
        state = nextOutageState(state, batch, settings);
        sinceAnswer = batch.answered > 0 ? 0 : sinceAnswer + batch.providerFailures;
        expect(state.failures).toBe(sinceAnswer);
        // Out once the failures since the last answer reach the threshold, and until an answer.
        expect(state.out).toBe(batch.answered > 0 ? false : wasOut || sinceAnswer >= settings.failuresToDeclare);
      }
    }));
  });

  it('plans a share of every slot, and of every period of the profile, while the provider is out', () => {
    expect(capacityInOutage({ readsPerSlot: 95, reservedShare: 0.3, periods: [{ fromMinute: 0, toMinute: 60, readsPerSlot: 40 }] }, 0.1))
      .toEqual({ readsPerSlot: 9, reservedShare: 0.3, periods: [{ fromMinute: 0, toMinute: 60, readsPerSlot: 4 }] });
  });

  it('still plans a probe a slot for a provider too small for its share (found by the settlement day: cut to nothing, S1SP-B stayed out)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500 }), fc.constantFrom(0, 0.3, 0.5, 0.9), fc.constantFrom(0, 0.1, 0.5), (reads, reservedShare, share) => {
      const normal = { readsPerSlot: reads, reservedShare };
      const out = capacityInOutage(normal, share);
      expect(out.readsPerSlot).toBeLessThanOrEqual(reads);
      expect(mhhsReadsPerSlot(out)).toBe(Math.min(mhhsReadsPerSlot(normal), Math.max(1, mhhsReadsPerSlot({ ...normal, readsPerSlot: Math.floor(reads * share) }))));
    }));
    expect(capacityInOutage({ readsPerSlot: 3, reservedShare: 0.3 }, 0.1).readsPerSlot).toBe(2);
  });
});
