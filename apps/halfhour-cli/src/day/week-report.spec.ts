import { dayPopulation, DEFAULT_WEEK_SETTINGS, generateWeek } from '@halfhour/simulation';
import { buildDayReport } from './day-report';
import { checkDeliveries } from './delivery-check';
import { deliveredAsDesigned } from './testing/delivered-as-designed';
import { MetricsSnapshot } from './metrics-reader';
import { DayCensus } from './storage-census';
import { buildWeekReport } from './week-report';

const week = generateWeek({ ...DEFAULT_WEEK_SETTINGS, mpans: 300, seed: 5, firstDataDay: '2026-12-01', days: 3 });
const metrics = MetricsSnapshot.empty();

function reportOfDay(index: number, dropped: string[] = []) {
  const population = dayPopulation(week, index);
  const dipMpanDays = [...population.expectedDeliveries].filter((key) => !dropped.includes(key)).map((key) => deliveredAsDesigned(population, key));
  return buildDayReport({
    population, collectionDay: week.days[index].collectionDay, topicPrefix: 'day-x.', speed: 480, clockMode: 'stepped', realSeconds: 60 * (index + 1), providerCapacity: '',
    outcomes: [], metrics: { intake: metrics, access: metrics, scheduler: metrics, smets1: metrics, smets2: metrics, dip: metrics },
    schedulesStopped: {}, forwarderDataDay: { pending: 0, delivered: 0, refused: 0 }, deliveries: checkDeliveries(population, dipMpanDays), dipStats: {}, answers: { codesByRequest: new Map(), repeatsDropped: 0 }, sent: [],
  });
}

function census(day: number, itemRows: number, rssMb: number): DayCensus {
  return { collectionDay: week.days[day].collectionDay, tables: [{ service: 'scheduler', table: 'collection_items', rows: itemRows, bytes: itemRows * 100 }], rssMb: { scheduler: rssMb } };
}

describe('the report of several days', () => {
  const censuses = [census(0, 100, 150), census(1, 200, 200), census(2, 210, 190)];

  it('compares the stores and memory at the end of the last day with the second day, when retention has begun', () => {
    const report = buildWeekReport(week, [0, 1, 2].map((day) => reportOfDay(day)), censuses);
    expect(report.storage.lastAgainstBaseline).toEqual([
      { table: 'scheduler.collection_items', baselineRows: 200, rows: 210, rowsChange: 0.05, baselineBytes: 20_000, bytes: 21_000, bytesChange: 0.05 },
    ]);
    expect(report.memory).toEqual([{ process: 'scheduler', baselineRssMb: 200, rssMb: 190, change: -0.05, byDay: [150, 200, 190] }]);
  });

  it('has a line per day with its ramp share and checks, and is as designed only when every day is', () => {
    const clean = buildWeekReport(week, [0, 1, 2].map((day) => reportOfDay(day)), censuses);
    expect(clean.days.map((d) => d.collectionDay)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
    expect(clean.days.map((d) => d.rampShare)).toEqual(week.days.map((d) => d.scheduledMpans / 300).map((share) => Math.round(share * 10_000) / 10_000));
    expect(clean.checks.everyDayAsDesigned).toBe(true);

    const lost = [...dayPopulation(week, 1).expectedDeliveries].at(-1)!;
    const spoiled = buildWeekReport(week, [reportOfDay(0), reportOfDay(1, [lost]), reportOfDay(2)], censuses);
    expect(spoiled.days.map((d) => d.deliveriesAsDesigned)).toEqual([true, false, true]);
    expect(spoiled.checks.everyDayAsDesigned).toBe(false);
    expect(buildWeekReport(week, [reportOfDay(0), reportOfDay(1)], censuses).checks.everyDayAsDesigned).toBe(false);
  });
});
