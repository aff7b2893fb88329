import { MDR_USER, SUPPLIER_USER } from '../../test/fixtures';
import { itemsDatabase, ItemsDatabase, plannedItem } from '../../test/items-database';
import { ReportRepository } from '../reports/report-repository';
import { NewSchedule, ScheduleRepository, ScheduleRow } from '../schedules/schedule-repository';
import { ItemRow } from './item-row';
import { StoredRequester } from './stored-requesters';

const DAY = '2026-12-06';
const MPANS = ['1400000000011', '1400000000012'];

const newSchedule = (mpan: string, i: number): NewSchedule => ({
  dspScheduleId: `DSP-${String(i).padStart(16, '0')}`, userId: MDR_USER.userId, mpid: MDR_USER.mpid, role: MDR_USER.role, mpan, deviceId: '00-00-00-00-00-00-10-01',
  srv: '4.8.1', frequency: 'DAILY', startDate: '2026-11-01', endDate: null, requestId: `${MDR_USER.userId}:00-00-00-00-00-00-00-01:${i}`,
  createdAt: new Date('2026-11-01T00:00:00Z'), purpose: 'MHHS',
});
const requesterOf = (s: ScheduleRow): StoredRequester => ({ userId: s.userId, role: MDR_USER.role, mpid: s.mpid, origin: s.dspScheduleId, requestId: s.requestId, purpose: s.purpose, scheduleRef: s.ref });
const ON_DEMAND: StoredRequester = { ...SUPPLIER_USER, origin: 'request-7', requestId: `${SUPPLIER_USER.userId}:00-00-00-00-00-00-00-01:7` };

/**
 * A scheduled item keeps its schedules' numbers, not copies of who asked: the plan's COPY and a
 * merged insert alike write `schedule_refs` and leave `requesters` empty, and every read of the
 * item (and the day report) finds the schedule's requester whole, beside any on-demand one.
 */
describe('the requesters an item keeps by reference to their schedules', () => {
  let store: ItemsDatabase;
  let schedules: ScheduleRow[];

  beforeAll(async () => {
    store = await itemsDatabase(DAY, 'stored-requesters-spec');
    const repository = new ScheduleRepository(store.dataSource);
    await repository.create(store.dataSource, MPANS.map(newSchedule));
    for await (const page of repository.activeInPages('2026-12-05', 10)) schedules = page;
  });

  afterAll(() => store?.drop());

  const stored = async (mpan: string): Promise<{ refs: string[] | null; requesters: unknown }> =>
    (await store.dataSource.query('SELECT schedule_refs::text[] AS refs, requesters FROM collection_items WHERE plan_day = $1 AND mpan = $2', [DAY, mpan]))[0];
  const read = async (item: ItemRow): Promise<StoredRequester[]> => (await store.items.find([item]))[0].requesters;

  it('writes a schedule’s requester as its ref, by COPY and by merged insert, and reads it back whole', async () => {
    expect(schedules.map((s) => s.mpan)).toEqual(MPANS);
    const [copied, merged] = schedules.map((s) => plannedItem(DAY, s.mpan, { itemKey: `${s.mpan}|4.8.1|2026-12-05`, requesters: [requesterOf(s)] }));
    await store.items.inTransaction((manager) => store.items.addNew(manager, [copied]));
    await store.items.inTransaction((manager) => store.items.addMerging(manager, [merged]));

    for (const [i, item] of [copied, merged].entries()) {
      expect(await stored(item.mpan)).toEqual({ refs: [schedules[i].ref], requesters: null });
      expect(await read(item)).toEqual([requesterOf(schedules[i])]);
    }
  });

  it('keeps an on-demand requester merged into a scheduled item as JSON beside the ref, and drops the ref with its requester', async () => {
    const schedule = schedules[0];
    const item = plannedItem(DAY, schedule.mpan, { itemKey: `${schedule.mpan}|4.8.1|2026-12-05` });
    await store.items.inTransaction((manager) => store.items.addMerging(manager, [{ ...item, kind: 'ON_DEMAND', state: 'UNPLACED', slotStart: null, requesters: [ON_DEMAND] }]));
    expect(await stored(item.mpan)).toEqual({ refs: [schedule.ref], requesters: [ON_DEMAND] });
    expect(await read(item)).toEqual([ON_DEMAND, requesterOf(schedule)]);
    expect(await new ReportRepository(store.dataSource).requesterOutcomes(DAY)).toEqual([
      { userId: MDR_USER.userId, role: MDR_USER.role, mpid: MDR_USER.mpid, kind: 'SCHEDULED', state: 'PLANNED', items: 2 },
      { userId: SUPPLIER_USER.userId, role: SUPPLIER_USER.role, mpid: SUPPLIER_USER.mpid, kind: 'SCHEDULED', state: 'PLANNED', items: 1 },
    ]);

    await store.items.setRequesters(store.dataSource, [{ ...item, requesters: [ON_DEMAND] }]);
    expect(await stored(item.mpan)).toEqual({ refs: null, requesters: [ON_DEMAND] });
    expect(await read(item)).toEqual([ON_DEMAND]);
  });

  it('costs an item a few bytes for its schedule where its requester’s JSON cost nearly two hundred', async () => {
    const [{ refs, json }] = await store.dataSource.query(
      `SELECT pg_column_size(schedule_refs) AS refs, pg_column_size(jsonb_build_array(jsonb_build_object('userId', s.user_id, 'role', s.role, 'mpid', s.mpid,
         'origin', s.dsp_schedule_id, 'requestId', s.request_id))) AS json
       FROM collection_items i JOIN schedules s ON s.ref = i.schedule_refs[1] WHERE i.plan_day = $1 AND i.mpan = $2`,
      [DAY, MPANS[1]],
    );
    expect(refs).toBeLessThan(40);
    expect(json).toBeGreaterThan(150);
  });
});
