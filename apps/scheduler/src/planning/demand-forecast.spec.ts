import { daySlots, MpanTimeline } from '@halfhour/domain';
import { ViewedTimeline } from '@halfhour/registry-view';
import { Registry } from 'prom-client';
import { freshMpan, MDR_USER, timeline } from '../../test/fixtures';
import { schedulePagesOf } from '../../test/schedule-pages';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { SchedulerConfig } from '../scheduler.config';
import { ScheduleRow } from '../schedules/schedule-repository';
import { schedulingPolicyFrom } from '../scheduling-policy';
import { DemandForecast } from './demand-forecast';

const TODAY = '2026-12-01';

/** CSP-SOUTH takes 2 reads an hour-long slot, 1 of them for MHHS: 18 scheduled reads a day. */
function forecastOver(schedules: ScheduleRow[], mpans: readonly string[]) {
  const policy = schedulingPolicyFrom(Object.assign(new SchedulerConfig(), { PROVIDER_CAPACITY: 'CSP-NORTH=2,CSP-CENTRAL=2,CSP-SOUTH=2', RESERVED_SHARE: 0.5, SLOT_MINUTES: 60 }));
  const view = new Map(mpans.map((mpan, i) => [mpan, { timeline: timeline(mpan, `00-00-00-00-00-0F-00-${String(i % 100).padStart(2, '0')}`, { kind: 'CSP', region: 'SOUTH' }) as unknown as MpanTimeline, version: 1 } as ViewedTimeline]));
  return new DemandForecast(
    policy,
    { activeInPages: (dataDay, mpans) => schedulePagesOf(schedules, dataDay, mpans) },
    { timelinesOf: async (list: readonly string[]) => new Map(list.flatMap((m) => (view.has(m) ? [[m, view.get(m)!] as const] : []))) },
    { configured: async () => policy.capacity },
    (day) => daySlots(day, 60, policy.capacity.excludedWindow),
  );
}

const schedule = (mpan: string, startDate: string, i: number): ScheduleRow => ({
  dspScheduleId: `DSP-${String(i).padStart(16, '0')}`, userId: MDR_USER.userId, mpid: MDR_USER.mpid, role: MDR_USER.role, mpan, deviceId: `00-00-00-00-00-0F-00-${String(i % 100).padStart(2, '0')}`,
  srv: '4.8.1', frequency: 'DAILY', startDate, endDate: null, requestId: `${MDR_USER.userId}:00-00-00-00-00-0F-00-01:${i + 1}`, createdAt: new Date('2026-11-01T00:00:00Z'), purpose: 'MHHS', ref: String(i + 1),
});

describe('DemandForecast', () => {
  it('warns days ahead: 15 schedules fit CSP-SOUTH’s 18 scheduled reads a day; 10 more from 3 December make 4 December’s plan short', async () => {
    const mpans = Array.from({ length: 25 }, () => freshMpan());
    const schedules = mpans.map((mpan, i) => schedule(mpan, i < 15 ? '2026-11-01' : '2026-12-03', i));
    const forecast = forecastOver(schedules, mpans);
    const metrics = new SchedulerMetrics(new Registry());

    const short = await forecast.measure(TODAY, 7, metrics);
    expect(short.map((f) => [f.planDay, f.shortBy])).toEqual(['2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-08'].map((day) => [day, 7]));
    expect((await metrics.forecastShort.get()).values).toEqual([expect.objectContaining({ labels: { provider: 'CSP-SOUTH', lane: 'SCHEDULED' }, value: 7 })]);
    const days = await forecast.forecast('2026-12-02', 3);
    expect(days.map((f) => [f.planDay, f.demand, f.capacity, f.shortBy])).toEqual([['2026-12-02', 15, 18, 0], ['2026-12-03', 15, 18, 0], ['2026-12-04', 25, 18, 7]]);
  });
});
