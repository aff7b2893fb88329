import fc from 'fast-check';
import { settlementDayStart } from '../calendar/settlement-day';
import { CapacitySettings, emptyLaneLoads, laneLimits, mhhsReadsPerSlot, nightOnDemandReadsPerSlot, overBooked, ProviderCapacity, scheduledReadsPerSlot } from './capacity';
import { CollectionDemand } from './collection-demand';
import { daySlots } from './day-slots';
import { planDay } from './plan-day';

const DAY = '2026-12-01';
const START = settlementDayStart(DAY).getTime();
const MINUTE = 60_000;

function demands(count: number, earliestMinute: number, windowMinutes: number, prefix: string): CollectionDemand[] {
  return Array.from({ length: count }, (_, i) => ({
    mpan: `${prefix}${i}`, deviceId: 'D', provider: 'CSP-SOUTH', srv: '4.8.1', dataDay: '2026-11-30',
    requesters: [{ userId: 'U', role: 'MDR', mpid: 'MDRA', origin: `O${i}`, requestId: 'R' }],
    earliestMs: START + earliestMinute * MINUTE, deadlineMs: START + (earliestMinute + windowMinutes) * MINUTE,
  }));
}

const lanesArbitrary = fc.record({
  readsPerSlot: fc.integer({ min: 0, max: 40 }),
  reservedShare: fc.constantFrom(0, 0.3, 0.5),
  onDemandShare: fc.constantFrom(0, 0.05, 0.2, 0.5),
  nightOnDemandShare: fc.constantFrom(0, 0.1, 0.3),
  scheduled: fc.integer({ min: 0, max: 3000 }),
  onDemand: fc.integer({ min: 0, max: 400 }),
  onDemandAtMinute: fc.integer({ min: 0, max: 1430 }),
});

describe('lanes of a provider’s slots', () => {
  it('keep scheduled reads within their share and out of the night, every slot within its MHHS share, and the on-demand reserve free of scheduled reads', () => {
    fc.assert(fc.property(lanesArbitrary, (c) => {
      const provider = { readsPerSlot: c.readsPerSlot, reservedShare: c.reservedShare, onDemandShare: c.onDemandShare, nightOnDemandShare: c.nightOnDemandShare };
      const capacity: CapacitySettings = { slotMinutes: 30, excludedWindow: { fromMinute: 0, toMinute: 360 }, providers: { 'CSP-SOUTH': provider }, otherProviders: provider };
      const slots = daySlots(DAY, 30, capacity.excludedWindow);
      const daily = planDay(slots, capacity, demands(c.scheduled, 0, 1440, 'S'), { placement: 'even', lane: 'SCHEDULED' });
      const urgent = planDay(slots, capacity, demands(c.onDemand, c.onDemandAtMinute, 10, 'D'), { loads: daily.loads, placement: 'asap', lane: 'ON_DEMAND', underway: true });
      // No demand at all leaves no loads for the provider: every slot is empty.
      const { scheduled, onDemand } = urgent.loads.get('CSP-SOUTH') ?? emptyLaneLoads(slots.starts.length);
      const reserve = mhhsReadsPerSlot(provider) - scheduledReadsPerSlot(provider);
      for (let s = 0; s < slots.starts.length; s++) {
        const day = slots.mhhsAllowed[s] === 1;
        expect(scheduled[s]).toBeLessThanOrEqual(day ? scheduledReadsPerSlot(provider) : 0);
        expect(scheduled[s] + onDemand[s]).toBeLessThanOrEqual(day ? mhhsReadsPerSlot(provider) : nightOnDemandReadsPerSlot(provider));
      }
      // The slot under way when the urgent reads arrive takes them up to what scheduled reads left, and never less than the reserve.
      const underway = Math.floor(c.onDemandAtMinute / 30);
      const room = slots.mhhsAllowed[underway] ? Math.max(reserve, mhhsReadsPerSlot(provider) - scheduled[underway]) : nightOnDemandReadsPerSlot(provider);
      expect(onDemand[underway]).toBe(Math.min(c.onDemand, room));
    }));
  });

  it('place an on-demand read in the slot under way at its earliest time, which a scheduled read could not use', () => {
    const provider = { readsPerSlot: 10, reservedShare: 0.3, onDemandShare: 0.2 };
    const capacity: CapacitySettings = { slotMinutes: 5, excludedWindow: { fromMinute: 0, toMinute: 360 }, providers: {}, otherProviders: provider };
    const slots = daySlots(DAY, 5, capacity.excludedWindow);
    const at = 10 * 60 + 2;
    expect(planDay(slots, capacity, demands(1, at, 1, 'D'), { placement: 'asap', lane: 'ON_DEMAND', underway: true }).slotOf[0]).toBe(120);
    expect(planDay(slots, capacity, demands(1, at, 1, 'D'), { placement: 'asap', lane: 'SCHEDULED' }).slotOf[0]).toBe(-1);
  });

  it('follow a time-of-day profile: a period of the day takes its own reads a slot, the shares as everywhere', () => {
    const capacity: ProviderCapacity = { readsPerSlot: 100, reservedShare: 0.5, onDemandShare: 0.1, periods: [{ fromMinute: 17 * 60, toMinute: 19 * 60, readsPerSlot: 20 }] };
    const slots = daySlots(DAY, 60, { fromMinute: 0, toMinute: 360 });
    const { scheduled, total } = laneLimits(capacity, slots);
    expect([scheduled[16], scheduled[17], scheduled[18], scheduled[19]]).toEqual([40, 8, 8, 40]);
    expect([total[3], total[17]]).toEqual([0, 10]);
  });

  it('after a cut, take out of each slot exactly what puts it back within its lanes, scheduled reads first', () => {
    fc.assert(fc.property(
      fc.record({ readsPerSlot: fc.integer({ min: 0, max: 30 }), reservedShare: fc.constantFrom(0, 0.3, 0.5), onDemandShare: fc.constantFrom(0, 0.1, 0.3), nightOnDemandShare: fc.constantFrom(0, 0.2) }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })), { minLength: 48, maxLength: 48 }),
      (capacity, planned) => {
        const slots = daySlots(DAY, 30, { fromMinute: 0, toMinute: 360 });
        const loads = { scheduled: Int32Array.from(planned.map(([s]) => s)), onDemand: Int32Array.from(planned.map(([, o]) => o)), bau: new Int32Array(48) };
        const excess = overBooked(capacity, slots, loads);
        const { scheduled, total } = laneLimits(capacity, slots);
        for (let s = 0; s < 48; s++) {
          const keptScheduled = loads.scheduled[s] - excess.scheduled[s];
          const kept = keptScheduled + loads.onDemand[s] - excess.onDemand[s];
          expect(keptScheduled).toBeLessThanOrEqual(scheduled[s]);
          expect(kept).toBeLessThanOrEqual(total[s]);
          // Nothing more than needed: one read fewer taken out would break a limit.
          if (excess.scheduled[s] > 0) expect(keptScheduled + 1).toBeGreaterThan(scheduled[s]);
          if (excess.onDemand[s] > 0) expect(kept + 1).toBeGreaterThan(total[s]);
          expect(excess.onDemand[s]).toBeLessThanOrEqual(loads.onDemand[s]);
        }
      },
    ));
  });
});
