import { MpanTimelineUpdated, ReadCommand, ServiceResponse, Topics } from '@halfhour/contracts';
import { MpanTimeline } from '@halfhour/domain';
import { TopicBatch } from '@halfhour/kafka';
import { ViewedTimeline } from '@halfhour/registry-view';
import { Registry } from 'prom-client';
import { InMemoryItems } from '../../test/in-memory-items';
import { MDR_USER, SUPPLIER_USER, timeline } from '../../test/fixtures';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { UserResponder } from '../responses/user-responder';
import { SchedulerConfig } from '../scheduler.config';
import { schedulingPolicyFrom } from '../scheduling-policy';
import { Dispatcher } from './dispatcher';

const NOW = new Date('2026-12-01T10:00:00Z');
const SCHEDULE = 'DSP-00000000000000a1';

function item(mpan: string, provider: string, over: Partial<ItemRow> = {}): ItemRow {
  return {
    planDay: '2026-12-01', itemKey: `${mpan}|4.8.1|2026-11-30`, mpan, deviceId: `00-00-00-00-00-00-${mpan.slice(-2)}-01`, provider, srv: '4.8.1', dataDay: '2026-11-30',
    kind: 'SCHEDULED', state: 'PLANNED', slotStart: new Date('2026-12-01T09:55:00Z'), earliest: new Date('2026-12-01T00:00:00Z'), deadline: new Date('2026-12-02T00:00:00Z'),
    attempt: 0, requesters: [{ ...MDR_USER, origin: SCHEDULE, requestId: `${MDR_USER.userId}:00-00-00-00-00-00-00-01:1` }], ...over,
  };
}

/** The outbox, the registry view and the schedules as the dispatcher sees them, in memory. */
function harness(items: ItemRow[], timelines: MpanTimelineUpdated[]) {
  const store = new InMemoryItems(items);
  const written: TopicBatch<any>[] = [];
  let nudged = 0;
  const outbox = { add: async (_tx: unknown, batches: readonly TopicBatch<any>[]) => void written.push(...batches), publishSoon: () => void nudged++ };
  const stoppedSchedules: string[] = [];
  const schedules = { stop: async (_tx: unknown, ids: readonly string[]) => { stoppedSchedules.push(...ids); return ids.map((id) => ({ dspScheduleId: id }) as never); } };
  // As the view holds them: the message's timeline, read back from its JSON.
  const view = new Map(timelines.map((t) => [t.mpan, { timeline: t as unknown as MpanTimeline, version: t.version } as ViewedTimeline]));
  const registryView = { timelinesOf: async (mpans: readonly string[]) => new Map(mpans.flatMap((m) => (view.has(m) ? [[m, view.get(m)!] as const] : []))) };
  const dispatcher = new Dispatcher(schedulingPolicyFrom(new SchedulerConfig()), store, schedules, registryView, outbox, new UserResponder(outbox), new SchedulerMetrics(new Registry()));
  const on = <T>(topic: { name: string }) => written.filter((b) => b.topic === topic).flatMap((b) => b.messages.map((m) => m.body as T));
  return { store, dispatcher, stoppedSchedules, nudged: () => nudged, commandsOn: (topic: { name: string }) => on<ReadCommand>(topic), responses: () => on<ServiceResponse>(Topics.userResponses) };
}

describe('Dispatcher', () => {
  const [south, s1sp, later] = ['1400000000011', '1400000000022', '1400000000033'];

  it('sends the items whose slot has come as commands on their generation’s topic, each naming its attempt, and leaves the rest', async () => {
    const h = harness(
      [item(south, 'CSP-SOUTH'), item(s1sp, 'S1SP-A'), item(later, 'CSP-NORTH', { slotStart: new Date('2026-12-01T10:05:00Z') })],
      [timeline(south, '00-00-00-00-00-00-11-01', { kind: 'CSP', region: 'SOUTH' }), timeline(s1sp, '00-00-00-00-00-00-22-01', { kind: 'S1SP', s1spId: 'S1SP-A' }), timeline(later, '00-00-00-00-00-00-33-01', { kind: 'CSP', region: 'NORTH' })],
    );
    expect(await h.dispatcher.dispatchDue(NOW, 10)).toBe(2);

    expect(h.commandsOn(Topics.smets2Commands)).toEqual([expect.objectContaining({
      commandId: `2026-12-01|${south}|4.8.1|2026-11-30#1`, attempt: 1, provider: 'CSP-SOUTH', kind: 'SCHEDULED',
      readPeriod: { start: '2026-11-30T00:00:00.000Z', end: '2026-12-01T00:00:00.000Z' }, deadline: '2026-12-02T00:00:00.000Z',
    })]);
    expect(h.commandsOn(Topics.smets1Commands).map((c) => c.mpan)).toEqual([s1sp]);
    expect([south, s1sp, later].map((m) => [h.store.get(`${m}|4.8.1|2026-11-30`).state, h.store.get(`${m}|4.8.1|2026-11-30`).attempt])).toEqual([['DISPATCHED', 1], ['DISPATCHED', 1], ['PLANNED', 0]]);
    expect(h.nudged()).toBe(1);
  });

  it('drops a requester no longer entitled (told E41, its schedule stopped), reads for the rest, and stops an item nobody may have', async () => {
    const supplier = { ...SUPPLIER_USER, origin: 'DSP-00000000000000b2', requestId: `${SUPPLIER_USER.userId}:00-00-00-00-00-00-00-01:2` };
    const shared = item(south, 'CSP-SOUTH');
    shared.requesters = [...shared.requesters, supplier];
    // The MDR's appointment ended before the data day: the MDR may not have it, the supplier may.
    const h = harness([shared, item(s1sp, 'S1SP-A')], [
      timeline(south, '00-00-00-00-00-00-11-01', { kind: 'CSP', region: 'SOUTH' }, '2026-11-30'),
      timeline(s1sp, '00-00-00-00-00-00-22-01', { kind: 'S1SP', s1spId: 'S1SP-A' }, '2026-11-30'),
    ]);
    expect(await h.dispatcher.dispatchDue(NOW, 10)).toBe(2);

    expect(h.commandsOn(Topics.smets2Commands).map((c) => c.requesters.map((r) => r.userId))).toEqual([[SUPPLIER_USER.userId]]);
    expect(h.commandsOn(Topics.smets1Commands)).toEqual([]);
    expect(h.store.get(`${s1sp}|4.8.1|2026-11-30`).state).toBe('STOPPED');
    expect(h.store.get(`${south}|4.8.1|2026-11-30`).requesters).toEqual([supplier]);
    expect(h.stoppedSchedules).toEqual([SCHEDULE, SCHEDULE]);
    expect(h.responses().map((r) => [r.userId, r.responseCode, r.dspScheduleId])).toEqual([[MDR_USER.userId, 'E41', SCHEDULE], [MDR_USER.userId, 'E41', SCHEDULE]]);
  });

  it('names each requester’s purpose on the command, so the forwarder can route its data (routeData)', async () => {
    const supplier = { ...SUPPLIER_USER, origin: 'DSP-00000000000000b3', requestId: `${SUPPLIER_USER.userId}:00-00-00-00-00-00-00-01:3`, purpose: 'BAU' as const };
    const shared = item(south, 'CSP-SOUTH');
    shared.requesters = [{ ...shared.requesters[0], purpose: 'MHHS' }, supplier];
    const h = harness([shared], [timeline(south, '00-00-00-00-00-00-11-01', { kind: 'CSP', region: 'SOUTH' })]);
    expect(await h.dispatcher.dispatchDue(NOW, 10)).toBe(1);
    expect(h.commandsOn(Topics.smets2Commands)[0].requesters.map((r) => [r.userId, r.purpose])).toEqual([[MDR_USER.userId, 'MHHS'], [SUPPLIER_USER.userId, 'BAU']]);
  });

  it('asks CSP North for one settlement day per command, never more (R-DEV-4): 50 half hours on the longest day', async () => {
    const north = item(later, 'CSP-NORTH', { dataDay: '2026-10-25', itemKey: `${later}|4.8.1|2026-10-25` });
    const h = harness([north], [timeline(later, '00-00-00-00-00-00-33-01', { kind: 'CSP', region: 'NORTH' })]);
    expect(await h.dispatcher.dispatchDue(NOW, 10)).toBe(1);
    const [command] = h.commandsOn(Topics.smets2Commands);
    expect(command.readPeriod).toEqual({ start: '2026-10-24T23:00:00.000Z', end: '2026-10-26T00:00:00.000Z' });
    expect((Date.parse(command.readPeriod.end) - Date.parse(command.readPeriod.start)) / 1800_000).toBe(50);
  });

  it('takes at most a batch at a time, earliest slot first', async () => {
    const h = harness(
      [item(south, 'CSP-SOUTH', { slotStart: new Date('2026-12-01T09:50:00Z') }), item(s1sp, 'S1SP-A', { slotStart: new Date('2026-12-01T09:40:00Z') })],
      [timeline(south, '00-00-00-00-00-00-11-01', { kind: 'CSP', region: 'SOUTH' }), timeline(s1sp, '00-00-00-00-00-00-22-01', { kind: 'S1SP', s1spId: 'S1SP-A' })],
    );
    expect(await h.dispatcher.dispatchDue(NOW, 1)).toBe(1);
    expect(h.commandsOn(Topics.smets1Commands).map((c) => c.mpan)).toEqual([s1sp]);
    expect(await h.dispatcher.dispatchDue(NOW, 1)).toBe(1);
    expect(await h.dispatcher.dispatchDue(NOW, 1)).toBe(0);
  });
});
