import { CapacitySettings } from './capacity';
import { CollectionDemand } from './collection-demand';
import { daySlots } from './day-slots';
import { forecastDay } from './forecast';
import { planSchedules } from './plan-schedules';

const PLAN_DAY = '2026-12-05';
const capacity: CapacitySettings = {
  slotMinutes: 60, excludedWindow: { fromMinute: 0, toMinute: 360 },
  providers: { 'CSP-SOUTH': { readsPerSlot: 10, reservedShare: 0.5, bauShare: 0.1, nightBauShare: 0.5 } },
  otherProviders: { readsPerSlot: 0, reservedShare: 0.3 },
};
const slots = daySlots(PLAN_DAY, 60, capacity.excludedWindow);
const demands = (count: number, purpose: 'MHHS' | 'BAU' = 'MHHS'): CollectionDemand[] => Array.from({ length: count }, (_, i) => ({
  mpan: `${purpose}${i}`, deviceId: 'D', provider: 'CSP-SOUTH', srv: '4.8.1', dataDay: '2026-12-04',
  requesters: [{ userId: 'U', role: 'MDR', mpid: 'MDRA', origin: `O${i}`, requestId: 'R' }],
  earliestMs: slots.starts[0], deadlineMs: slots.starts[0] + 86_400_000, purpose,
}));

describe('forecast of a day', () => {
  it('compares each lane’s demand with what its slots give over the day: 18 open hours of 5 scheduled reads, 6 night and 18 day hours of BAU', () => {
    expect(forecastDay(PLAN_DAY, [...demands(95), ...demands(40, 'BAU')], slots, capacity)).toEqual([
      { planDay: PLAN_DAY, provider: 'CSP-SOUTH', lane: 'BAU', demand: 40, capacity: 6 * 5 + 18 * 1, shortBy: 0 },
      { planDay: PLAN_DAY, provider: 'CSP-SOUTH', lane: 'SCHEDULED', demand: 95, capacity: 18 * 5, shortBy: 5 },
    ]);
  });

  it('is short by exactly what the daily plan then leaves unplaced', () => {
    for (const count of [10, 90, 91, 200]) {
      const [forecast] = forecastDay(PLAN_DAY, demands(count), slots, capacity);
      const plan = planSchedules(slots, capacity, demands(count), new Map());
      expect(forecast.shortBy).toBe(plan.reports[0].unplaced);
    }
  });
});
