/**
 * npm run bench:plan [-- --items N]
 *
 * Plans and persists one day of N collection items (default 1,000,000) the way the scheduler does:
 * collect once over N + 10 % demands (suppliers' schedules for MPANs an MDR also reads), place
 * them in memory in every provider's slots, and bulk-insert them into the day's partition of a
 * fresh scheduler database. Prints each step's time, items/s, peak RSS, and the extrapolation to a
 * national day of 30,000,000 items.
 */
import 'reflect-metadata';
import { collectOnce, CollectionDemand, DEFAULT_CAPACITY, daySlots, itemKeyOf, mpanCoreFrom, newItemState, planDay, settlementDayStart } from '@halfhour/domain';
import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase } from '@halfhour/testing';
import { copyItems } from '../../apps/scheduler/src/items/copy-items';
import { ItemRepository } from '../../apps/scheduler/src/items/item-repository';
import { ItemRow } from '../../apps/scheduler/src/items/item-row';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from '../../apps/scheduler/src/persistence/scheduler-schema';
import { argument, ensureStack } from './bench-support';

const items = Number(argument('--items') ?? 1_000_000);
const NATIONAL = 30_000_000;
const PLAN_DAY = '2026-12-01';
const DATA_DAY = '2026-11-30';
const PROVIDERS = ['CSP-NORTH', 'CSP-CENTRAL', 'CSP-SOUTH', 'S1SP-A', 'S1SP-B', 'S1SP-C', 'S1SP-D'];

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

async function main(): Promise<void> {
  ensureStack();
  const database = await createTestDatabase('hh_plan_bench');
  const dataSource = await createDataSource({ url: database.url, applicationName: 'plan-bench', entities: SCHEDULER_ENTITIES, migrations: SCHEDULER_MIGRATIONS }).initialize();
  try {
    await runMigrations(dataSource);
    const repository = new ItemRepository(dataSource);
    const earliestMs = settlementDayStart(PLAN_DAY).getTime();
    const deadlineMs = earliestMs + 24 * 3600_000;

    let t = process.hrtime.bigint();
    const demands: CollectionDemand[] = [];
    for (let i = 0; i < items; i++) {
      const mpan = mpanCoreFrom(String(10 + (i % 14)), String(i).padStart(10, '0'));
      const demand = {
        mpan, deviceId: `00-00-${(i >>> 24).toString(16).padStart(2, '0')}-${((i >>> 16) & 255).toString(16).padStart(2, '0')}-${((i >>> 8) & 255).toString(16).padStart(2, '0')}-${(i & 255).toString(16).padStart(2, '0')}-00-01`.toUpperCase(),
        provider: PROVIDERS[i % PROVIDERS.length], srv: '4.8.1', dataDay: DATA_DAY, earliestMs, deadlineMs,
      };
      demands.push({ ...demand, requesters: [{ userId: '00-00-00-00-00-00-AA-01', role: 'MDR', mpid: 'MDRA', origin: `DSP-${i}`, requestId: `R${i}` }] });
      if (i % 10 === 0) demands.push({ ...demand, requesters: [{ userId: '00-00-00-00-00-00-BB-01', role: 'IS', mpid: 'SUPA', origin: `DSP-S${i}`, requestId: `S${i}` }] });
    }
    const generated = seconds(t);

    const total = process.hrtime.bigint();
    t = process.hrtime.bigint();
    const merged = collectOnce(demands);
    const collectSeconds = seconds(t);
    t = process.hrtime.bigint();
    const slots = daySlots(PLAN_DAY, DEFAULT_CAPACITY.slotMinutes, DEFAULT_CAPACITY.excludedWindow);
    const plan = planDay(slots, DEFAULT_CAPACITY, merged);
    const planSeconds = seconds(t);
    t = process.hrtime.bigint();
    const rows: ItemRow[] = merged.map((d, i) => ({
      planDay: PLAN_DAY, itemKey: itemKeyOf(d), mpan: d.mpan, deviceId: d.deviceId, provider: d.provider, srv: d.srv, dataDay: d.dataDay,
      kind: 'SCHEDULED', state: newItemState(plan.slotOf[i] >= 0), slotStart: plan.slotOf[i] >= 0 ? new Date(slots.starts[plan.slotOf[i]]) : null,
      earliest: new Date(d.earliestMs), deadline: new Date(d.deadlineMs), attempt: 0, requesters: d.requesters as ItemRow['requesters'],
    }));
    await repository.ensurePartition(PLAN_DAY);
    await dataSource.transaction((manager) => copyItems(manager, rows));
    const persistSeconds = seconds(t);
    const totalSeconds = seconds(total);
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM collection_items');
    const peakRss = process.resourceUsage().maxRSS / 1024;

    console.log(`demands generated: ${demands.length} in ${generated.toFixed(1)} s (not counted)`);
    console.log(`collect once:      ${merged.length} items from ${demands.length} demands in ${collectSeconds.toFixed(2)} s`);
    console.log(`plan in memory:    ${planSeconds.toFixed(2)} s; ${plan.reports.map((r) => `${r.provider} peak ${r.peakSlotLoad}/${r.mhhsReadsPerSlot}${r.unplaced ? `, short ${r.unplaced}` : ''}`).join('; ')}`);
    console.log(`persist (COPY):    ${n} rows in ${persistSeconds.toFixed(1)} s (${Math.round(n / persistSeconds)} rows/s)`);
    console.log('');
    console.log(`planned and persisted ${n} items in ${totalSeconds.toFixed(1)} s: ${Math.round(n / totalSeconds)} items/s; peak RSS ${peakRss.toFixed(0)} MB`);
    console.log(`national day (${NATIONAL.toLocaleString('en-GB')} items) at this rate: ${((NATIONAL / (n / totalSeconds)) / 60).toFixed(1)} min (aim: under 5 min)`);
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
