import fc from 'fast-check';
import { settlementDayStart } from '../calendar/settlement-day';
import { CapacitySettings, capacityOf, mhhsReadsPerSlot } from './capacity';
import { CollectionDemand, collectOnce, itemKeyOf } from './collection-demand';
import { daySlots, DaySlots, firstSlotFrom, lastSlotEndingBy } from './day-slots';
import { planDay } from './plan-day';

const HOUR = 3600_000;
const DAYS = ['2026-06-10', '2026-03-29', '2026-10-25', '2026-12-01'];
const PROVIDERS = ['CSP-NORTH', 'CSP-SOUTH', 'S1SP-A'];

const instanceArbitrary = fc
  .record({
    day: fc.constantFrom(...DAYS),
    slotMinutes: fc.constantFrom(30, 60, 120),
    placement: fc.constantFrom('even' as const, 'asap' as const),
    excludedFrom: fc.integer({ min: 0, max: 12 }),
    excludedHours: fc.integer({ min: 0, max: 8 }),
    capacities: fc.array(fc.record({ readsPerSlot: fc.integer({ min: 0, max: 6 }), reservedShare: fc.constantFrom(0, 0.25, 0.5) }), { minLength: 3, maxLength: 3 }),
    demands: fc.array(
      fc.record({
        mpan: fc.constantFrom('1200001234566', '1400000000018', '2300000000011'),
        srv: fc.constantFrom('4.8.1', '4.6.1'),
        dataDay: fc.constantFrom('2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06'),
        provider: fc.constantFrom(...PROVIDERS),
        user: fc.constantFrom('U1', 'U2'),
        earliestHour: fc.integer({ min: -2, max: 26 }),
        windowHours: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 120 },
    ),
  })
  .map(({ day, slotMinutes, placement, excludedFrom, excludedHours, capacities, demands }) => {
    const capacity: CapacitySettings = {
      slotMinutes,
      excludedWindow: { fromMinute: excludedFrom * 60, toMinute: (excludedFrom + excludedHours) * 60 },
      providers: Object.fromEntries(PROVIDERS.map((p, i) => [p, capacities[i]])),
      otherProviders: { readsPerSlot: 0, reservedShare: 0 },
    };
    const start = settlementDayStart(day).getTime();
    const asDemands: CollectionDemand[] = demands.map((d) => ({
      mpan: d.mpan, deviceId: 'D', provider: d.provider, srv: d.srv, dataDay: d.dataDay,
      requesters: [{ userId: d.user, role: 'MDR', mpid: 'MDRA', origin: `S-${d.user}`, requestId: 'R' }],
      earliestMs: start + d.earliestHour * HOUR,
      deadlineMs: start + (d.earliestHour + d.windowHours) * HOUR,
    }));
    return { slots: daySlots(day, slotMinutes, capacity.excludedWindow), capacity, placement, demands: collectOnce(asDemands), raw: asDemands };
  });

/** The most reads any plan can place: slot by slot, the released items due soonest first (EDF). */
function optimalPlaced(slots: DaySlots, perSlot: number, demands: readonly CollectionDemand[]): number {
  const windows = demands.map((d) => ({ first: firstSlotFrom(slots, d.earliestMs), last: lastSlotEndingBy(slots, d.deadlineMs) }));
  let placed = 0;
  const pending: { last: number }[] = [];
  for (let s = 0; s < slots.starts.length; s++) {
    windows.filter((w) => w.first === s).forEach((w) => pending.push(w));
    if (!slots.mhhsAllowed[s]) continue;
    pending.sort((a, b) => a.last - b.last);
    let used = 0;
    for (let i = 0; i < pending.length && used < perSlot; ) {
      if (pending[i].last < s) {
        pending.splice(i, 1);
        continue;
      }
      pending.splice(i, 1);
      used++;
      placed++;
    }
  }
  return placed;
}

describe('planDay, for any day, capacities and demands', () => {
  it('never exceeds a provider’s MHHS share of a slot, never uses the excluded window, keeps every read in its window', () => {
    fc.assert(
      fc.property(instanceArbitrary, ({ slots, capacity, placement, demands }) => {
        const plan = planDay(slots, capacity, demands, { placement });
        const counted = new Map<string, number[]>();
        demands.forEach((demand, i) => {
          const slot = plan.slotOf[i];
          if (slot < 0) return;
          expect(slots.mhhsAllowed[slot]).toBe(1);
          expect(slots.starts[slot]).toBeGreaterThanOrEqual(demand.earliestMs);
          expect(slots.starts[slot] + slots.slotMs).toBeLessThanOrEqual(demand.deadlineMs);
          const perSlot = counted.get(demand.provider) ?? new Array(slots.starts.length).fill(0);
          perSlot[slot]++;
          counted.set(demand.provider, perSlot);
        });
        for (const [provider, perSlot] of counted) {
          const limit = mhhsReadsPerSlot(capacityOf(capacity, provider));
          perSlot.forEach((n) => expect(n).toBeLessThanOrEqual(limit));
          expect([...plan.loads.get(provider)!.scheduled]).toEqual(perSlot);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('places every read that any plan could place, and reports the rest per provider', () => {
    fc.assert(
      fc.property(instanceArbitrary, ({ slots, capacity, placement, demands }) => {
        const plan = planDay(slots, capacity, demands, { placement });
        for (const provider of PROVIDERS) {
          const mine = demands.filter((d) => d.provider === provider);
          const report = plan.reports.find((r) => r.provider === provider);
          if (mine.length === 0) {
            expect(report).toBeUndefined();
            continue;
          }
          const placed = mine.filter((d) => plan.slotOf[demands.indexOf(d)] >= 0).length;
          expect(placed).toBe(optimalPlaced(slots, mhhsReadsPerSlot(capacityOf(capacity, provider)), mine));
          expect(report).toMatchObject({ items: mine.length, placed, unplaced: mine.length - placed });
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('merges exactly the demands for the same data item, keeping every requester', () => {
    fc.assert(
      fc.property(instanceArbitrary, ({ demands, raw }) => {
        const keys = new Set(raw.map(itemKeyOf));
        expect(demands.map(itemKeyOf).sort()).toEqual([...keys].sort());
        for (const item of demands) {
          const sources = raw.filter((d) => itemKeyOf(d) === itemKeyOf(item));
          expect(new Set(item.requesters.map((r) => r.userId))).toEqual(new Set(sources.map((d) => d.requesters[0].userId)));
          expect(item.deadlineMs).toBe(Math.min(...sources.map((d) => d.deadlineMs)));
          expect(item.earliestMs).toBe(Math.max(...sources.map((d) => d.earliestMs)));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('planDay, worked cases', () => {
  const capacity: CapacitySettings = {
    slotMinutes: 5,
    excludedWindow: { fromMinute: 0, toMinute: 360 },
    providers: { 'CSP-NORTH': { readsPerSlot: 100, reservedShare: 0.3 } },
    otherProviders: { readsPerSlot: 10, reservedShare: 0 },
  };
  const day = '2026-06-10';
  const slots = daySlots(day, 5, capacity.excludedWindow);
  const start = settlementDayStart(day).getTime();
  const dailyItems = (n: number, provider = 'CSP-NORTH'): CollectionDemand[] =>
    Array.from({ length: n }, (_, i) => ({
      mpan: String(i), deviceId: 'D', provider, srv: '4.8.1', dataDay: '2026-06-09',
      requesters: [{ userId: 'U', role: 'MDR', mpid: 'MDRA', origin: 'S', requestId: 'R' }], earliestMs: start, deadlineMs: start + 24 * HOUR,
    }));

  it('spreads a feasible day evenly over the 216 slots from 06:00, none in the night window', () => {
    const plan = planDay(slots, capacity, dailyItems(216 * 20 + 7));
    const load = plan.loads.get('CSP-NORTH')!.scheduled;
    expect(slots.starts.length).toBe(288);
    expect(Math.max(...load.slice(0, 72))).toBe(0);
    expect(Math.min(...load.slice(72))).toBeGreaterThanOrEqual(20);
    expect(Math.max(...load.slice(72))).toBe(21);
    expect(plan.reports).toEqual([{ provider: 'CSP-NORTH', items: 4327, placed: 4327, unplaced: 0, mhhsReadsPerSlot: 70, spareBefore: 216 * 70, peakSlotLoad: 21 }]);
  });

  it('takes the earliest spare capacity for on-demand reads and backstops', () => {
    const plan = planDay(slots, capacity, dailyItems(150), { placement: 'asap' });
    expect([...plan.loads.get('CSP-NORTH')!.scheduled.slice(70, 76)]).toEqual([0, 0, 70, 70, 10, 0]);
  });

  it('says up front by how much a day is short', () => {
    const plan = planDay(slots, capacity, [...dailyItems(216 * 70 + 500), ...dailyItems(3000, 'S1SP-X')]);
    expect(plan.reports).toEqual([
      { provider: 'CSP-NORTH', items: 15_620, placed: 15_120, unplaced: 500, mhhsReadsPerSlot: 70, spareBefore: 15_120, peakSlotLoad: 70 },
      { provider: 'S1SP-X', items: 3000, placed: 2160, unplaced: 840, mhhsReadsPerSlot: 10, spareBefore: 2160, peakSlotLoad: 10 },
    ]);
  });

  it('counts reads already planned in the day against capacity', () => {
    const loads = new Map([['S1SP-X', { scheduled: new Int32Array(288).fill(9), onDemand: new Int32Array(288), bau: new Int32Array(288) }]]);
    const plan = planDay(slots, capacity, dailyItems(300, 'S1SP-X'), { loads });
    expect(plan.reports[0]).toMatchObject({ placed: 216, unplaced: 84, spareBefore: 216, peakSlotLoad: 10 });
  });
});
