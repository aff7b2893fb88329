import { MDR_USER, SUPPLIER_USER, timeline } from '../../test/fixtures';
import { plannerOver, schedule } from '../../test/in-memory-planner';
import { ItemRow } from '../items/item-row';
import { MPANS_PER_PAGE } from './day-demand-pages';

const PLAN_DAY = '2026-12-01';
const NOW = new Date('2026-11-30T23:05:00Z');
const [m1, m2, m3] = ['1400000000101', '1400000000202', '1400000000303'];

describe('DailyPlanner', () => {
  it('plans a day once: each schedule of yesterday’s data becomes an item in a slot after 06:00, one read per slot of MHHS share, the plan recorded', async () => {
    const { store, planner, runs } = plannerOver(
      [schedule(MDR_USER, m1, 'DSP-0000000000000001'), schedule(MDR_USER, m2, 'DSP-0000000000000002')],
      [timeline(m1, '00-00-00-00-00-00-01-01', { kind: 'CSP', region: 'SOUTH' }), timeline(m2, '00-00-00-00-00-00-02-01', { kind: 'CSP', region: 'SOUTH' })],
    );
    expect(await planner.planIfNeeded(PLAN_DAY, NOW)).toBe(true);
    expect(await planner.planIfNeeded(PLAN_DAY, NOW)).toBe(false);

    const items = [...store.rows.values()];
    expect(items.map((i) => [i.itemKey, i.state, i.dataDay])).toEqual([[`${m1}|4.8.1|2026-11-30`, 'PLANNED', '2026-11-30'], [`${m2}|4.8.1|2026-11-30`, 'PLANNED', '2026-11-30']]);
    const slots = items.map((i) => i.slotStart!.getTime());
    expect(new Set(slots).size).toBe(2);
    for (const slot of slots) expect(slot).toBeGreaterThanOrEqual(Date.parse('2026-12-01T06:00:00Z'));
    expect(runs).toEqual([expect.objectContaining({ planDay: PLAN_DAY, demands: 2, items: 2 })]);
  });

  it('reads the same data once for every requester who wants it (collect once)', async () => {
    const { store, planner, metrics } = plannerOver(
      [schedule(MDR_USER, m1, 'DSP-0000000000000001'), schedule(SUPPLIER_USER, m1, 'DSP-0000000000000002')],
      [timeline(m1, '00-00-00-00-00-00-01-01', { kind: 'CSP', region: 'NORTH' })],
    );
    await planner.planIfNeeded(PLAN_DAY, NOW);

    expect([...store.rows.values()].map((i) => i.requesters.map((r) => r.origin))).toEqual([['DSP-0000000000000001', 'DSP-0000000000000002']]);
    expect((await metrics.readsSaved.get()).values[0].value).toBe(1);
  });

  it('plans a BAU schedule’s read in the BAU lane, which the night is open to, and an item wanted for MHHS too as MHHS', async () => {
    const south = { kind: 'CSP', region: 'SOUTH' } as const;
    const { store, planner, runs } = plannerOver(
      [schedule(SUPPLIER_USER, m1, 'DSP-0000000000000001', 'BAU'), schedule(SUPPLIER_USER, m2, 'DSP-0000000000000002', 'BAU'), schedule(MDR_USER, m2, 'DSP-0000000000000003')],
      [timeline(m1, '00-00-00-00-00-00-01-01', south), timeline(m2, '00-00-00-00-00-00-02-01', south)],
    );
    await planner.planIfNeeded(PLAN_DAY, NOW);

    const byMpan = new Map([...store.rows.values()].map((i) => [i.mpan, i]));
    expect(byMpan.get(m1)).toMatchObject({ kind: 'BAU', state: 'PLANNED' });
    expect(byMpan.get(m1)!.slotStart!.getTime()).toBeLessThan(Date.parse('2026-12-01T06:00:00Z'));
    expect(byMpan.get(m2)).toMatchObject({ kind: 'SCHEDULED', state: 'PLANNED' });
    expect(byMpan.get(m2)!.slotStart!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-01T06:00:00Z'));
    expect((runs[0].report as unknown as { provider: string; lane: string; placed: number }[]).map((r) => [r.lane, r.placed])).toEqual([['SCHEDULED', 1], ['BAU', 1]]);
  });

  it('stops a schedule whose user may no longer have the data, and tells them (E41) with the plan', async () => {
    const { store, planner, stopped, responses } = plannerOver(
      [schedule(MDR_USER, m1, 'DSP-0000000000000001'), schedule(MDR_USER, m2, 'DSP-0000000000000002')],
      [timeline(m1, '00-00-00-00-00-00-01-01', { kind: 'CSP', region: 'SOUTH' }), timeline(m2, '00-00-00-00-00-00-02-01', { kind: 'CSP', region: 'SOUTH' }, '2026-11-30')],
    );
    await planner.planIfNeeded(PLAN_DAY, NOW);

    expect([...store.rows.values()].map((i) => i.mpan)).toEqual([m1]);
    expect(stopped).toEqual(['DSP-0000000000000002']);
    expect(responses().map((r) => [r.responseCode, r.dspScheduleId])).toEqual([['E41', 'DSP-0000000000000002']]);
  });

  it('reads schedules and the registry a page of MPANs at a time in each of its two passes, every schedule of an MPAN in one page', async () => {
    const mpans = Array.from({ length: 12_000 }, (_, i) => `14${String(i).padStart(11, '0')}`);
    const mdr = mpans.map((m, i) => schedule(MDR_USER, m, `DSP-M${String(i).padStart(15, '0')}`));
    const supplier = mpans.map((m, i) => schedule(SUPPLIER_USER, m, `DSP-S${String(i).padStart(15, '0')}`));
    const { store, planner, runs, timelineReads } = plannerOver(
      [...mdr, ...supplier],
      mpans.map((m) => timeline(m, '00-00-00-00-00-00-01-01', { kind: 'CSP', region: 'SOUTH' })),
    );
    await planner.planIfNeeded(PLAN_DAY, NOW);

    expect(Math.max(...timelineReads)).toBe(MPANS_PER_PAGE);
    expect(timelineReads.reduce((a, b) => a + b, 0)).toBe(2 * 12_000);
    expect(store.rows.size).toBe(12_000);
    expect([...store.rows.values()].every((i) => i.requesters.map((r) => r.userId).join() === `${MDR_USER.userId},${SUPPLIER_USER.userId}`)).toBe(true);
    expect(runs).toEqual([expect.objectContaining({ demands: 24_000, items: 12_000 })]);
  });

  it('merges a schedule’s read into an on-demand item already in the day, keeping the earlier deadline and both requesters', async () => {
    const onDemand: ItemRow = {
      planDay: PLAN_DAY, itemKey: `${m3}|4.8.1|2026-11-30`, mpan: m3, deviceId: '00-00-00-00-00-00-03-01', provider: 'S1SP-A', srv: '4.8.1', dataDay: '2026-11-30',
      kind: 'ON_DEMAND', state: 'UNPLACED', slotStart: null, earliest: new Date('2026-12-01T00:00:00Z'), deadline: new Date('2026-12-01T08:00:00Z'), attempt: 0,
      requesters: [{ ...SUPPLIER_USER, origin: `${SUPPLIER_USER.userId}:00-00-00-00-00-00-03-01:9`, requestId: `${SUPPLIER_USER.userId}:00-00-00-00-00-00-03-01:9` }],
    };
    const { store, planner } = plannerOver([schedule(MDR_USER, m3, 'DSP-0000000000000003')], [timeline(m3, '00-00-00-00-00-00-03-01', { kind: 'S1SP', s1spId: 'S1SP-A' })], [onDemand]);
    await planner.planIfNeeded(PLAN_DAY, NOW);

    const [item] = [...store.rows.values()];
    expect(store.rows.size).toBe(1);
    expect(item.requesters.map((r) => r.userId)).toEqual([SUPPLIER_USER.userId, MDR_USER.userId]);
    expect(item.deadline).toEqual(onDemand.deadline);
  });

  it('makes the same plan whatever the page size: every item in the same slot', async () => {
    const mpans = Array.from({ length: 40 }, (_, i) => `14${String(i).padStart(11, '0')}`);
    const planWith = async (mpansPerPage: number) => {
      const { store, planner } = plannerOver(
        mpans.flatMap((m, i) => [schedule(MDR_USER, m, `DSP-M${String(i).padStart(15, '0')}`), ...(i % 3 === 0 ? [schedule(SUPPLIER_USER, m, `DSP-S${String(i).padStart(15, '0')}`, 'BAU')] : [])]),
        mpans.map((m, i) => timeline(m, `00-00-00-00-00-00-${String(i).padStart(2, '0')}-01`, i % 2 ? { kind: 'CSP', region: 'SOUTH' } : { kind: 'S1SP', s1spId: 'S1SP-A' })),
        [],
        { mpansPerPage },
      );
      await planner.planIfNeeded(PLAN_DAY, NOW);
      return [...store.rows.values()].map((i) => [i.itemKey, i.kind, i.state, i.slotStart?.toISOString()]).sort();
    };
    const whole = await planWith(1_000);
    expect(whole).toHaveLength(40);
    expect(await planWith(1)).toEqual(whole);
    expect(await planWith(7)).toEqual(whole);
  });

  it('never over-books for a schedule made between its passes: that read waits for a slot like any unplaced read', async () => {
    const south = { kind: 'CSP', region: 'SOUTH' } as const;
    const { store, planner } = plannerOver(
      [schedule(MDR_USER, m1, 'DSP-0000000000000001')],
      [timeline(m1, '00-00-00-00-00-00-01-01', south), timeline(m2, '00-00-00-00-00-00-02-01', south)],
      [],
      { madeBetweenPasses: [schedule(MDR_USER, m2, 'DSP-0000000000000002')] },
    );
    await planner.planIfNeeded(PLAN_DAY, NOW);

    expect([...store.rows.values()].map((i) => [i.mpan, i.state, i.slotStart === null])).toEqual([[m1, 'PLANNED', false], [m2, 'UNPLACED', true]]);
  });
});
