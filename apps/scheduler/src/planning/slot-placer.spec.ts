import { daySlots } from '@halfhour/domain';
import { Registry } from 'prom-client';
import { MDR_USER } from '../../test/fixtures';
import { InMemoryItems } from '../../test/in-memory-items';
import { ItemRow } from '../items/item-row';
import { SchedulerMetrics } from '../metrics/scheduler-metrics';
import { SchedulerConfig } from '../scheduler.config';
import { schedulingPolicyFrom } from '../scheduling-policy';
import { SlotPlacer } from './slot-placer';

const NOW = new Date('2026-12-01T10:02:00Z');
const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00Z`);

// One MHHS read per 5-minute slot for CSP-SOUTH: capacity 2, half kept in reserve.
const policy = schedulingPolicyFrom(Object.assign(new SchedulerConfig(), { PROVIDER_CAPACITY: 'CSP-SOUTH=2', RESERVED_SHARE: 0.5 }));

let serial = 0;
function item(over: Partial<ItemRow>): ItemRow {
  const mpan = `14000000${String(serial++).padStart(5, '0')}`;
  return {
    planDay: '2026-12-01', itemKey: `${mpan}|4.8.1|2026-11-30`, mpan, deviceId: '00-00-00-00-00-00-10-01', provider: 'CSP-SOUTH', srv: '4.8.1', dataDay: '2026-11-30',
    kind: 'ON_DEMAND', state: 'UNPLACED', slotStart: null, earliest: at('00:00'), deadline: at('23:00'), attempt: 0,
    requesters: [{ ...MDR_USER, origin: 'x', requestId: `${MDR_USER.userId}:00-00-00-00-00-00-00-01:1` }], ...over,
  };
}

function placerOver(items: ItemRow[], placing = policy) {
  const store = new InMemoryItems(items);
  const slots = { slotsOf: (day: string) => daySlots(day, placing.capacity.slotMinutes, placing.capacity.excludedWindow) };
  const refusals: { userId: string; reason: string }[] = [];
  const responder = {
    refuse: async (_tx: unknown, list: readonly { requester: { userId: string }; reason: string }[]) => void refusals.push(...list.map((r) => ({ userId: r.requester.userId, reason: r.reason }))),
    publishSoon: () => undefined,
  };
  return { store, refusals, placer: new SlotPlacer(placing, store, slots, responder, new SchedulerMetrics(new Registry()), { current: async () => placing.capacity }) };
}

describe('SlotPlacer', () => {
  it('gives an on-demand read the slot under way, dispatched at once, and the next the earliest slot with room, never past the MHHS share', async () => {
    const planned = item({ kind: 'SCHEDULED', state: 'PLANNED', slotStart: at('10:05') });
    const [first, second] = [item({ deadline: at('12:00') }), item({ deadline: at('12:30') })];
    const { store, placer } = placerOver([planned, first, second]);

    expect(await placer.placeWaiting(NOW, 100)).toBe(2);
    expect([first, second].map((i) => [store.get(i.itemKey).state, store.get(i.itemKey).slotStart])).toEqual([['PLANNED', at('10:00')], ['PLANNED', at('10:10')]]);
    expect(store.get(planned.itemKey).slotStart).toEqual(at('10:05'));
  });

  it('meets a 30-second TRT: the read goes into the slot under way, or is refused at once (E43) when no slot it could use has room', async () => {
    const fast = item({ earliest: NOW, deadline: new Date(NOW.getTime() + 30_000) });
    const tooMany = item({ earliest: NOW, deadline: new Date(NOW.getTime() + 30_000) });
    const { store, refusals, placer } = placerOver([fast, tooMany]);

    expect(await placer.placeWaiting(NOW, 100)).toBe(2);
    expect(store.get(fast.itemKey)).toMatchObject({ state: 'PLANNED', slotStart: at('10:00') });
    expect(store.get(tooMany.itemKey).state).toBe('EXPIRED');
    expect(refusals).toEqual([{ userId: MDR_USER.userId, reason: 'NO_CAPACITY' }]);
  });

  it('keeps waiting a read that finds no room now but may later, as its planning deadline moves on (a later deadline’s slot before its own)', async () => {
    const night = new Date('2026-11-30T23:00:00Z');
    const morning = ['06:00', '06:05', '06:10', '06:15', '06:20', '06:25'].map((hhmm) => item({ kind: 'SCHEDULED', state: 'PLANNED', slotStart: at(hhmm), deadline: at('23:59') }));
    const urgent = item({ earliest: at('00:00'), deadline: at('06:30') });
    const { store, refusals, placer } = placerOver([...morning, urgent]);

    expect(await placer.placeWaiting(night, 100)).toBe(0);
    expect(store.get(urgent.itemKey).state).toBe('UNPLACED');
    expect(refusals).toEqual([]);
  });

  it('refuses at once only a read whose whole window was tried: one due after tomorrow waits for the rounds that try its later days', async () => {
    const none = schedulingPolicyFrom(Object.assign(new SchedulerConfig(), { PROVIDER_CAPACITY: 'CSP-SOUTH=0' }));
    const soon = item({ deadline: at('12:00') });
    const later = item({ deadline: new Date('2026-12-04T12:00:00Z') });
    const { store, placer } = placerOver([soon, later], none);

    await placer.placeWaiting(NOW, 100);
    expect([store.get(soon.itemKey).state, store.get(later.itemKey).state]).toEqual(['EXPIRED', 'UNPLACED']);
  });

  it('reads on demand at night only where the operator opened the on-demand lane, and keeps scheduled reads out of the night', async () => {
    const night = new Date('2026-12-01T02:00:30Z');
    const onDemand = item({ earliest: night, deadline: new Date(night.getTime() + 30_000) });
    const scheduled = item({ kind: 'SCHEDULED', deadline: at('12:00') });
    const opened = schedulingPolicyFrom(Object.assign(new SchedulerConfig(), { PROVIDER_CAPACITY: 'CSP-SOUTH=10', RESERVED_SHARE: 0.5, NIGHT_ON_DEMAND_SHARE: 0.2 }));
    const { store, placer } = placerOver([onDemand, scheduled], opened);

    await placer.placeWaiting(night, 100);
    expect(store.get(onDemand.itemKey)).toMatchObject({ state: 'PLANNED', slotStart: new Date('2026-12-01T02:00:00Z') });
    expect(store.get(scheduled.itemKey)).toMatchObject({ state: 'PLANNED', slotStart: at('06:00') });

    const closed = placerOver([{ ...onDemand }]);
    await closed.placer.placeWaiting(night, 100);
    expect(closed.store.get(onDemand.itemKey).state).toBe('EXPIRED');
  });

  it('waits out a failed read’s backstop delay, then places it as a backstop', async () => {
    // Failed after going out at 09:58: the first backstop delay (5 minutes) ends at 10:03.
    const failed = item({ kind: 'SCHEDULED', state: 'FAILED', slotStart: at('09:55'), dispatchedAt: at('09:58'), attempt: 1 });
    const { store, placer } = placerOver([failed]);

    expect(await placer.placeWaiting(NOW, 100)).toBe(1);
    expect(store.get(failed.itemKey)).toMatchObject({ state: 'PLANNED', kind: 'BACKSTOP', slotStart: at('10:05') });
  });

  it('gives an urgent on-demand read with no room before its deadline the earliest slot of a read due later, which waits again', async () => {
    const scheduled = ['10:00', '10:05', '10:10', '10:15', '10:20', '10:25'].map((hhmm) => item({ kind: 'SCHEDULED', state: 'PLANNED', slotStart: at(hhmm), deadline: at('23:59') }));
    const urgent = item({ deadline: at('10:30') });
    const { store, placer } = placerOver([...scheduled, urgent]);

    expect(await placer.placeWaiting(NOW, 100)).toBe(1);
    expect(store.get(urgent.itemKey)).toMatchObject({ state: 'PLANNED', kind: 'ON_DEMAND', slotStart: at('10:00') });
    expect(store.get(scheduled[0].itemKey)).toMatchObject({ state: 'UNPLACED', slotStart: null });
    expect(scheduled.slice(1).map((i) => store.get(i.itemKey).state)).toEqual(Array(5).fill('PLANNED'));
  });

  it('leaves a scheduled read that finds no room waiting, taking no one’s slot', async () => {
    const full = ['10:05', '10:10'].map((hhmm) => item({ kind: 'SCHEDULED', state: 'PLANNED', slotStart: at(hhmm), deadline: at('23:59') }));
    const waiting = item({ kind: 'SCHEDULED', deadline: at('10:20') });
    const { store, placer } = placerOver([...full, waiting]);

    expect(await placer.placeWaiting(NOW, 100)).toBe(0);
    expect(store.get(waiting.itemKey).state).toBe('UNPLACED');
    expect(full.map((i) => store.get(i.itemKey).state)).toEqual(['PLANNED', 'PLANNED']);
  });
});
