import { addDays } from '@halfhour/domain';
import { deliveryKey, MidRunChange } from './population';
import { dayPopulation, DEFAULT_WEEK_SETTINGS, generateWeek, rampShareOn, WeekSettings } from './week-population';

const settings: WeekSettings = { ...DEFAULT_WEEK_SETTINGS, mpans: 4_000, seed: 162, firstDataDay: '2026-12-01', days: 7 };

describe('a simulated week', () => {
  const week = generateWeek(settings);
  const requestsOf = (mpan: string) => week.requests.map((request, index) => ({ request, index })).filter(({ request }) => request.mpan === mpan);

  it('is the same for the same seed', () => {
    const again = generateWeek(settings);
    expect(again.requests).toEqual(week.requests);
    expect(again.days).toEqual(week.days);
  });

  it('migrates along the ramp: the MPANs read through a schedule grow from 5 % to 25 % of the population', () => {
    week.days.forEach((day, index) => expect(day.scheduledMpans / settings.mpans).toBeCloseTo(rampShareOn(settings, index), 1));
    expect(week.days[0].scheduledMpans).toBeLessThan(week.days[3].scheduledMpans);
    expect(week.days[3].scheduledMpans).toBeLessThan(week.days[6].scheduledMpans);
  });

  it('changes the registry every day: appointments end and start, suppliers change, consent is withdrawn, meters are exchanged', () => {
    for (const day of week.days) {
      const kinds = new Set(day.changes.map((c) => c.kind));
      expect([...kinds].sort()).toEqual(['APPOINTMENT_ENDS', 'APPOINTMENT_STARTS', 'CHANGE_OF_SUPPLIER', 'CONSENT_CHANGES', 'METER_EXCHANGED']
        .filter((kind) => kind !== 'APPOINTMENT_STARTS' || day.index < settings.days - 1 || day.changes.some((c) => c.kind === 'CHANGE_OF_SUPPLIER' && !c.mdrRetained)));
    }
  });

  it('ends only appointments in force before the data day (one starting on it survives a Change of Supplier; one ended on its first day never was)', () => {
    const starts = new Map(week.days.flatMap((d) => d.changes.flatMap((c) => (c.kind === 'APPOINTMENT_STARTS' ? [[`${c.mpan}#${c.appointment}`, c.effectiveFrom] as const] : []))));
    for (const day of week.days) {
      for (const change of day.changes) {
        if (change.kind === 'APPOINTMENT_ENDS') expect((starts.get(`${change.mpan}#${change.appointment}`) ?? '2000-01-01') < change.effectiveTo).toBe(true);
        if (change.kind === 'CHANGE_OF_SUPPLIER') expect([...starts].some(([key, from]) => key.startsWith(change.mpan) && from === change.effectiveFrom)).toBe(false);
      }
    }
  });

  it('stops a schedule with one E41 on the day its user loses the MPAN, and only then', () => {
    for (const [i, request] of week.requests.entries()) {
      const stops = request.expected.outcomes.filter((o) => o === 'E41').length;
      expect(stops).toBeLessThanOrEqual(1);
      if (stops === 1) expect(request.expected.outcomes.at(-1)).toBe('E41');
      expect(week.outcomeDays[i]).toHaveLength(request.expected.outcomes.length);
    }
    const ended = week.days[2].changes.find((c) => c.kind === 'APPOINTMENT_ENDS')!;
    const mdrSchedule = requestsOf(ended.mpan).find(({ request }) => request.role === 'MDR' && request.schedule)!;
    const outcomes = mdrSchedule.request.expected.outcomes;
    expect(outcomes.slice(0, -1).every((o) => o === 'DATA') && outcomes.at(-1)).toBe('E41');
    expect(week.outcomeDays[mdrSchedule.index].at(-1)).toBe(2);
    const optedOut = week.days[4].changes.find((c) => c.kind === 'CONSENT_CHANGES')!;
    for (const { request, index } of requestsOf(optedOut.mpan).filter(({ request }) => request.schedule)) {
      expect(request.expected.outcomes.at(-1)).toBe('E41');
      expect(week.outcomeDays[index].at(-1)).toBe(4);
    }
  });

  it('reads on through a meter exchange and under a new MDR after a Change of Supplier that ends the old one', () => {
    const exchanged = week.days[1].changes.find((c) => c.kind === 'METER_EXCHANGED')!;
    const schedule = requestsOf(exchanged.mpan).find(({ request }) => request.role === 'MDR' && request.schedule)!;
    expect(schedule.request.expected.outcomes.every((o) => o === 'DATA')).toBe(true);
    expect(week.registryOn[2].find((m) => m.mpan === exchanged.mpan)).toMatchObject({ generation: 2, provider: { kind: 'CSP' } });

    const switched = week.days[1].changes.find((c): c is Extract<MidRunChange, { kind: 'CHANGE_OF_SUPPLIER' }> => c.kind === 'CHANGE_OF_SUPPLIER' && !c.mdrRetained)!;
    const [before, after] = requestsOf(switched.mpan).filter(({ request }) => request.role === 'MDR' && request.schedule);
    expect(before.request.expected.outcomes.at(-1)).toBe('E41');
    expect(after.request).toMatchObject({ day: 1, phase: 'AFTER_APPOINTMENTS', schedule: { startDate: addDays(switched.effectiveFrom, 1) } });
    expect(after.request.user).not.toBe(before.request.user);
    expect(week.outcomeDays[after.index][0]).toBe(2);
  });

  it('expects each MPAN-day at the DIP once, on the day it is first read, and every DATA to have one', () => {
    for (const [i, request] of week.requests.entries()) {
      request.expected.outcomes.forEach((outcome, n) => {
        if (outcome !== 'DATA') return;
        const day = week.outcomeDays[i][n];
        const readDay = request.days?.from ?? addDays(settings.firstDataDay, day);
        expect(week.deliveries.get(deliveryKey(request.mpan, request.srv, readDay))).toBeLessThanOrEqual(day);
      });
    }
    const onDemand = week.requests.filter((r) => r.phase === 'ON_DEMAND');
    expect(new Set(onDemand.map((r) => r.day)).size).toBe(settings.days);
  });

  it('gives each day what is expected by its end, growing day by day to the whole run', () => {
    const sizes = week.days.map((_, index) => dayPopulation(week, index).expectedDeliveries.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes.at(-1)).toBe(week.deliveries.size);
    const first = dayPopulation(week, 0);
    expect(first.requests.every((r) => r.expected.outcomes.length <= 1)).toBe(true);
    expect(first.settings.dataDay).toBe(settings.firstDataDay);
    expect(dayPopulation(week, 6).requests).toEqual(week.requests);
  });
});
