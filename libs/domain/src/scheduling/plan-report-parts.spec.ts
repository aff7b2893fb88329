import { joinPlanReports } from './plan-report-parts';
import { SchedulesPlanReport } from './plan-schedules';
import { ProviderKey } from './provider-key';

const report = (provider: string, lane: SchedulesPlanReport['lane'], over: Partial<SchedulesPlanReport>): SchedulesPlanReport => ({
  provider: provider as ProviderKey, lane, items: 0, placed: 0, unplaced: 0, mhhsReadsPerSlot: 10, spareBefore: 0, peakSlotLoad: 0, ...over,
});

describe('joinPlanReports', () => {
  it('counts what the earlier part wrote, not the day it set out to place, then the rest as the resumed part placed it', () => {
    const first = [report('CSP-NORTH', 'SCHEDULED', { items: 100, placed: 90, unplaced: 10, spareBefore: 500, peakSlotLoad: 7 }), report('CSP-NORTH', 'BAU', { items: 5, placed: 5, spareBefore: 50, peakSlotLoad: 1 })];
    const writtenByFirst = { 'CSP-NORTH|SCHEDULED': { items: 60, placed: 60 }, 'CSP-NORTH|BAU': { items: 5, placed: 5 } };
    const resumed = [report('CSP-NORTH', 'SCHEDULED', { items: 40, placed: 30, unplaced: 10, spareBefore: 410, peakSlotLoad: 9 }), report('S1SP-A', 'SCHEDULED', { items: 3, placed: 3, spareBefore: 30, peakSlotLoad: 2 })];
    expect(joinPlanReports(first, writtenByFirst, resumed)).toEqual([
      report('CSP-NORTH', 'SCHEDULED', { items: 100, placed: 90, unplaced: 10, spareBefore: 500, peakSlotLoad: 9 }),
      report('CSP-NORTH', 'BAU', { items: 5, placed: 5, spareBefore: 50, peakSlotLoad: 1 }),
      report('S1SP-A', 'SCHEDULED', { items: 3, placed: 3, spareBefore: 30, peakSlotLoad: 2 }),
    ]);
    expect(first[0].items).toBe(100);
  });

  it('is the later part alone when nothing came before', () => {
    const only = [report('CSP-SOUTH', 'SCHEDULED', { items: 4, placed: 4, spareBefore: 8, peakSlotLoad: 1 })];
    expect(joinPlanReports([], {}, only)).toEqual(only);
  });
});
