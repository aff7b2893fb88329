import fc from 'fast-check';
import { settlementDayStart } from '../calendar/settlement-day';
import { CapacitySettings, emptyLaneLoads, Lane, LaneLoads, LANES, loadOfLane } from './capacity';
import { PlacementDemand } from './collection-demand';
import { daySlots } from './day-slots';
import { planDay } from './plan-day';
import { planDayDemandByDemand, planSchedulesDemandByDemand } from './plan-day.reference';
import { planScheduledClasses, planSchedules, tallyScheduled } from './plan-schedules';
import { PlacementTally, SlotDispenser } from './placement-classes';

const HOUR = 3600_000;
const PROVIDERS = ['CSP-NORTH', 'CSP-SOUTH', 'S1SP-A'];

/** Random days whose demands fall into a few windows, as a daily plan's do, so classes hold many demands. */
const dayArbitrary = fc
  .record({
    day: fc.constantFrom('2026-06-10', '2026-03-29', '2026-10-25', '2026-12-01'),
    slotMinutes: fc.constantFrom(30, 60, 120),
    excludedHours: fc.integer({ min: 0, max: 8 }),
    capacities: fc.array(
      fc.record({ readsPerSlot: fc.integer({ min: 0, max: 9 }), reservedShare: fc.constantFrom(0, 0.25, 0.5), bauShare: fc.constantFrom(0, 0.5, 1), nightBauShare: fc.constantFrom(0, 1) }),
      { minLength: 3, maxLength: 3 },
    ),
    windows: fc.array(fc.record({ earliestHour: fc.integer({ min: -2, max: 20 }), hours: fc.integer({ min: 0, max: 30 }) }), { minLength: 1, maxLength: 3 }),
    demands: fc.array(fc.record({ provider: fc.constantFrom(...PROVIDERS), window: fc.nat(2), bau: fc.boolean() }), { maxLength: 400 }),
    loaded: fc.array(fc.record({ provider: fc.constantFrom(...PROVIDERS), lane: fc.constantFrom(...LANES), slot: fc.nat(23), reads: fc.integer({ min: 1, max: 4 }) }), { maxLength: 10 }),
  })
  .map(({ day, slotMinutes, excludedHours, capacities, windows, demands, loaded }) => {
    const capacity: CapacitySettings = {
      slotMinutes,
      excludedWindow: { fromMinute: 0, toMinute: excludedHours * 60 },
      providers: Object.fromEntries(PROVIDERS.map((p, i) => [p, capacities[i]])),
      otherProviders: { readsPerSlot: 0, reservedShare: 0 },
    };
    const slots = daySlots(day, slotMinutes, capacity.excludedWindow);
    const start = settlementDayStart(day).getTime();
    const placing: PlacementDemand[] = demands.map((d) => {
      const w = windows[d.window % windows.length];
      return { provider: d.provider, earliestMs: start + w.earliestHour * HOUR, deadlineMs: start + (w.earliestHour + w.hours) * HOUR, purpose: d.bau ? 'BAU' : 'MHHS' };
    });
    /** Reads already in the day's slots (earlier placements), fresh for each plan: plans add to the loads they are given. */
    const loads = () => {
      const map = new Map<string, LaneLoads>();
      for (const l of loaded) {
        if (!map.has(l.provider)) map.set(l.provider, emptyLaneLoads(slots.starts.length));
        loadOfLane(map.get(l.provider)!, l.lane)[l.slot % slots.starts.length] += l.reads;
      }
      return map;
    };
    return { slots, capacity, placing, loads };
  });

type DayInstance = typeof dayArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The schedules' plan made as the daily planner makes it: counted a chunk at a time, then slots taken a chunk at a time. */
function chunkedPlan(instance: DayInstance, chunk: number) {
  const { slots, capacity, placing, loads } = instance;
  const tally = new PlacementTally();
  for (let i = 0; i < placing.length; i += chunk) for (const d of placing.slice(i, i + chunk)) tallyScheduled(tally, d);
  const plan = planScheduledClasses(slots, capacity, tally.classes, loads());
  const slotOf: number[] = [];
  for (let i = 0; i < placing.length; i += chunk) {
    const recount = new PlacementTally();
    for (const d of placing.slice(i, i + chunk)) slotOf.push(plan.slots.take(tallyScheduled(recount, d)));
  }
  return { slotOf, reports: plan.reports, loads: plan.loads };
}

describe('the plan by classes of demands', () => {
  it('places every demand in the slot the demand-by-demand plan did, with the same reports and loads, for any lane and options', () => {
    fc.assert(
      fc.property(dayArbitrary, fc.constantFrom<Lane>(...LANES), fc.constantFrom('even' as const, 'asap' as const), fc.boolean(), (instance, lane, placement, underway) => {
        const options = { lane, placement, underway };
        const byClass = planDay(instance.slots, instance.capacity, instance.placing, { ...options, loads: instance.loads() });
        const reference = planDayDemandByDemand(instance.slots, instance.capacity, instance.placing, { ...options, loads: instance.loads() });
        expect([...byClass.slotOf]).toEqual([...reference.slotOf]);
        expect(byClass.reports).toEqual(reference.reports);
        expect(byClass.loads).toEqual(reference.loads);
      }),
      { numRuns: 400 },
    );
  });

  it('chunked — counted, then placed, a chunk at a time — places the schedules exactly as the whole plan did: same slots, same unplaced, same order', () => {
    fc.assert(
      fc.property(dayArbitrary, fc.integer({ min: 1, max: 450 }), (instance, chunk) => {
        const chunked = chunkedPlan(instance, chunk);
        const whole = planSchedulesDemandByDemand(instance.slots, instance.capacity, instance.placing, instance.loads());
        expect(chunked.slotOf).toEqual([...whole.slotOf]);
        expect(chunked.reports).toEqual(whole.reports);
        expect([...planSchedules(instance.slots, instance.capacity, instance.placing, instance.loads()).slotOf]).toEqual([...whole.slotOf]);
      }),
      { numRuns: 300 },
    );
  });

  it('holds a few numbers per class, not per demand: a million demands of one window make one run per slot they fill', () => {
    const slots = daySlots('2026-12-01', 30, { fromMinute: 0, toMinute: 360 });
    const capacity: CapacitySettings = { slotMinutes: 30, excludedWindow: { fromMinute: 0, toMinute: 360 }, providers: { 'CSP-NORTH': { readsPerSlot: 20_000, reservedShare: 0 } }, otherProviders: { readsPerSlot: 0, reservedShare: 0 } };
    const start = settlementDayStart('2026-12-01').getTime();
    const tally = new PlacementTally();
    let key = '';
    for (let i = 0; i < 1_000_000; i++) key = tally.add('SCHEDULED', 'CSP-NORTH', start, start + 24 * HOUR);
    expect(tally.classes).toEqual([expect.objectContaining({ count: 1_000_000 })]);
    const plan = planScheduledClasses(slots, capacity, tally.classes, new Map());
    expect(plan.reports[0]).toEqual(expect.objectContaining({ items: 1_000_000, placed: 720_000, unplaced: 280_000 }));
    const perSlot = new Map<number, number>();
    for (let slot = plan.slots.take(key); slot >= 0; slot = plan.slots.take(key)) perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    expect(perSlot.size).toBe(36);
    expect(Math.max(...perSlot.values())).toBe(20_000);
  });

  it('never gives a class more slots than the plan placed for it, and gives none to a class it never counted', () => {
    const given = new SlotDispenser();
    given.give('a', 3, 2);
    given.give('a', 5, 1);
    expect([given.take('a'), given.take('a'), given.take('a'), given.take('a'), given.take('b')]).toEqual([3, 3, 5, -1, -1]);
  });
});
