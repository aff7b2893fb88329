/**
 * npm run bench:plan [-- --items 20000,200000,1000000]
 *
 * The scheduler's daily plan at each size, side by side: a fresh scheduler database is seeded in
 * SQL (so the bench process holds none of it) with one MDR schedule per MPAN, a supplier's
 * schedule for every tenth (collect once merges them), and each MPAN's timeline in the registry
 * view; then the real DailyPlanner plans the day, in a process of its own per size. Prints each
 * size's plan time, items/s, and the process's resident memory before the plan and at its peak,
 * under the heap limit the manifests give the scheduler (`--heap-mb` to try another).
 */
import 'reflect-metadata';
import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase } from '@halfhour/testing';
import { spawnSync } from 'node:child_process';
import { nodeFlagsOf, SERVICE_CATALOGUE } from '../../apps/halfhour-cli/src/stack/service-catalogue';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from '../../apps/scheduler/src/persistence/scheduler-schema';
import { databasePlanner } from '../../apps/scheduler/test/database-planner';
import { seedPlanDay } from '../../apps/scheduler/test/plan-day-seed';
import { argument, ensureStack } from './bench-support';

const PLAN_DAY = '2026-12-01';
const NATIONAL = 30_000_000;

/** Samples the process's resident memory while `work` runs: its peak, in MB. */
async function peakRssDuring<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

async function planOneSize(items: number): Promise<void> {
  const database = await createTestDatabase('hh_plan_bench');
  const dataSource = await createDataSource({ url: database.url, applicationName: 'plan-bench', entities: SCHEDULER_ENTITIES, migrations: SCHEDULER_MIGRATIONS }).initialize();
  try {
    await runMigrations(dataSource);
    const seedStarted = Date.now();
    await seedPlanDay(dataSource, items, PLAN_DAY);
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    const planner = databasePlanner(dataSource);
    global.gc?.();
    const before = process.memoryUsage().rss / 2 ** 20;
    const started = process.hrtime.bigint();
    const { peakMb } = await peakRssDuring(() => planner.planIfNeeded(PLAN_DAY, new Date(`${PLAN_DAY}T00:05:00Z`)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [{ n, placed, schedules }] = await dataSource.query(
      `SELECT count(*)::int AS n, count(slot_start)::int AS placed, (SELECT count(*)::int FROM schedules) AS schedules FROM collection_items`,
    );
    console.log(JSON.stringify({ items: n, placed, schedules, seedSeconds, planSeconds: seconds, itemsPerSecond: Math.round(n / seconds), rssBeforeMb: Math.round(before), peakRssMb: Math.round(peakMb) }));
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

function main(): void {
  const one = argument('--one');
  if (one) {
    planOneSize(Number(one)).catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
    return;
  }
  ensureStack();
  const sizes = (argument('--items') ?? '20000,200000,1000000').split(',').map(Number);
  // What node runs the scheduler with (its catalogue entry, its Deployment's args), in the heap said if one is.
  const scheduler = SERVICE_CATALOGUE.find((s) => s.name === 'scheduler')!;
  const heapMb = argument('--heap-mb');
  const heap = nodeFlagsOf(heapMb ? { ...scheduler, heapMb: Number(heapMb) } : scheduler);
  const rows: Record<string, unknown>[] = [];
  for (const size of sizes) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...heap, __filename, '--one', String(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    if (child.status !== 0) throw new Error(`the plan of ${size} MPANs failed`);
    rows.push(JSON.parse(child.stdout.trim().split('\n').pop()!));
  }
  console.table(rows);
  const largest = rows[rows.length - 1] as { itemsPerSecond: number };
  console.log(`a national day (${NATIONAL.toLocaleString('en-GB')} items) at the largest size's rate: ${(NATIONAL / largest.itemsPerSecond / 60).toFixed(1)} min`);
}

main();
