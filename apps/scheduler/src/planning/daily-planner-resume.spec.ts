import { MDR_USER, timeline } from '../../test/fixtures';
import { plannerOver, schedule } from '../../test/in-memory-planner';

const PLAN_DAY = '2026-12-01';
const NOW = new Date('2026-11-30T23:05:00Z');

describe('DailyPlanner, stopped mid-plan', () => {
  it('commits its progress with each page, and a plan stopped mid-day is finished by the next after its last page: every read once, none in a full slot', async () => {
    const mpans = Array.from({ length: 9 }, (_, i) => `14${String(i).padStart(11, '0')}`);
    const { store, planner, runs, progress } = plannerOver(
      mpans.map((m, i) => schedule(MDR_USER, m, `DSP-M${String(i).padStart(15, '0')}`)),
      mpans.map((m, i) => timeline(m, `00-00-00-00-00-00-${String(i).padStart(2, '0')}-01`, { kind: 'CSP', region: 'SOUTH' })),
      [],
      { mpansPerPage: 2 },
    );
    const addNew = store.addNew.bind(store);
    let pages = 0;
    store.addNew = async (runner, rows) => {
      if (++pages === 3) throw new Error('the planner stopped');
      return addNew(runner, rows);
    };
    await expect(planner.planIfNeeded(PLAN_DAY, NOW)).rejects.toThrow('the planner stopped');
    expect(store.rows.size).toBe(4);
    expect(progress.get(PLAN_DAY)).toEqual(expect.objectContaining({ afterMpan: mpans[3], counts: expect.objectContaining({ schedules: 4, items: 4, written: { 'CSP-SOUTH|SCHEDULED': { items: 4, placed: 4 } } }) }));
    expect(runs).toEqual([]);

    expect(await planner.planIfNeeded(PLAN_DAY, NOW)).toBe(true);
    const items = [...store.rows.values()];
    expect(items.map((i) => i.mpan).sort()).toEqual(mpans);
    // One read a slot is CSP-SOUTH's MHHS share here: no two reads share one.
    expect(new Set(items.map((i) => i.slotStart?.getTime())).size).toBe(9);
    expect(items.every((i) => i.state === 'PLANNED')).toBe(true);
    expect(runs).toEqual([expect.objectContaining({ demands: 9, items: 9, report: [expect.objectContaining({ provider: 'CSP-SOUTH', items: 9, placed: 9 })] })]);
    expect(progress.size).toBe(0);
  });

});
