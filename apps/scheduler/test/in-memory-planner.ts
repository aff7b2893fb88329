import { MpanTimelineUpdated, ServiceResponse, Topics } from '@halfhour/contracts';
import { MpanTimeline } from '@halfhour/domain';
import { TopicBatch } from '@halfhour/kafka';
import { createJsonLogger } from '@halfhour/observability';
import { ViewedTimeline } from '@halfhour/registry-view';
import { Registry } from 'prom-client';
import { ItemRow } from '../src/items/item-row';
import { SchedulerMetrics } from '../src/metrics/scheduler-metrics';
import { DailyPlanner } from '../src/planning/daily-planner';
import { PlanProgress, PlanRun } from '../src/planning/plan-run-repository';
import { UserResponder } from '../src/responses/user-responder';
import { SchedulerConfig } from '../src/scheduler.config';
import { ScheduleRow } from '../src/schedules/schedule-repository';
import { schedulingPolicyFrom } from '../src/scheduling-policy';
import { MDR_USER } from './fixtures';
import { InMemoryItems } from './in-memory-items';
import { IN_MEMORY_PLAN_SESSIONS } from './in-memory-plan-sessions';
import { schedulePagesOf } from './schedule-pages';

/** A user's daily schedule of 4.8.1 data of `mpan`, numbered by the digits of its ID. */
export function schedule(user: typeof MDR_USER, mpan: string, id: string, purpose: ScheduleRow['purpose'] = 'MHHS'): ScheduleRow {
  return {
    dspScheduleId: id, userId: user.userId, mpid: user.mpid, role: user.role, mpan, deviceId: `00-00-00-00-00-00-${mpan.slice(-2)}-01`, srv: '4.8.1',
    frequency: 'DAILY', startDate: '2026-11-01', endDate: null, requestId: `${user.userId}:00-00-00-00-00-00-00-01:${id.slice(-2)}`, createdAt: new Date('2026-11-01T00:00:00Z'), purpose, ref: String(Number(id.replace(/\D/g, ''))),
  };
}

/** The daily planner over in-memory items, plans, schedules, registry view and outbox. */
export function plannerOver(schedules: ScheduleRow[], timelines: MpanTimelineUpdated[], items: ItemRow[] = [], options: { mpansPerPage?: number; madeBetweenPasses?: ScheduleRow[] } = {}) {
  const store = new InMemoryItems(items);
  const runs: PlanRun[] = [];
  const progress = new Map<string, PlanProgress>();
  const plans = {
    exists: async (day: string) => runs.some((r) => r.planDay === day),
    progress: async (day: string) => progress.get(day),
    saveProgress: async (_tx: unknown, p: PlanProgress) => void progress.set(p.planDay, p),
    record: async (_tx: unknown, run: PlanRun) => {
      runs.push(run);
      progress.delete(run.planDay);
    },
  };
  const stopped: string[] = [];
  const scheduleStore = {
    passes: 0,
    activeInPages(dataDay: string, mpans: number, _runner: unknown, afterMpan?: string) {
      // The plan's second pass sees what was made since its first.
      if (this.passes++ === 1) schedules.push(...(options.madeBetweenPasses ?? []));
      return schedulePagesOf(schedules, dataDay, mpans, afterMpan);
    },
    stop: async (_tx: unknown, ids: readonly string[]) => { stopped.push(...ids); return []; },
  };
  // As the view holds them: the message's timeline, read back from its JSON.
  const view = new Map(timelines.map((t) => [t.mpan, { timeline: t as unknown as MpanTimeline, version: t.version } as ViewedTimeline]));
  const timelineReads: number[] = [];
  const registryView = {
    timelinesOf: async (mpans: readonly string[]) => {
      timelineReads.push(new Set(mpans).size);
      return new Map(mpans.flatMap((m) => (view.has(m) ? [[m, view.get(m)!] as const] : [])));
    },
  };
  const written: TopicBatch<any>[] = [];
  const outbox = { add: async (_tx: unknown, batches: readonly TopicBatch<any>[]) => void written.push(...batches), publishSoon: () => undefined };
  const policy = schedulingPolicyFrom(Object.assign(new SchedulerConfig(), { PROVIDER_CAPACITY: 'CSP-NORTH=2,CSP-CENTRAL=2,CSP-SOUTH=2', RESERVED_SHARE: 0.5 }));
  const metrics = new SchedulerMetrics(new Registry());
  const planner = new DailyPlanner(policy, store, plans, IN_MEMORY_PLAN_SESSIONS, scheduleStore, registryView, new UserResponder(outbox), metrics, createJsonLogger('planner-spec', 'fatal'), { current: async () => policy.capacity }, options.mpansPerPage);
  const responses = () => written.filter((b) => b.topic === Topics.userResponses).flatMap((b) => b.messages.map((m) => m.body as ServiceResponse));
  return { store, planner, runs, progress, stopped, responses, metrics, timelineReads };
}

