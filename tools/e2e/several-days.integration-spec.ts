import { DEFAULT_WEEK_SETTINGS, generateWeek } from '@halfhour/simulation';
import { exitWhileProgressing, NO_TIME_BUDGET_MS, testBrokers } from '@halfhour/testing';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start -- --days 3`: three settlement days through one stack on the stepped clock, the MHHS
 * migration ramping up and the registry changing every day. The CLI checks each day as it settles;
 * the test holds it to that (exit status, every day's checks) and compares what reached the DIP
 * with the week the seed makes, worked out here on its own.
 */
const MPANS = 200;
const DAYS = 3;
const SEED = 11;
const FIRST_COLLECTION_DAY = '2026-12-08';
const RAMP = { from: 0.1, to: 0.3 };

describe('npm start -- --days N: several settlement days through one stack', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'halfhour-days-'));

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('plays every day as designed while the migration ramps up and the registry changes, and reports each day and the run', async () => {
    const cli = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/halfhour-cli/src/main.js', 'start',
      '--days', String(DAYS), '--ramp', `${RAMP.from * 100},${RAMP.to * 100}`, '--mpans', String(MPANS), '--seed', String(SEED), '--day', FIRST_COLLECTION_DAY,
      '--day-seconds', '20', '--out', outDir, '--port-offset', '22000', '--namespace', 'e2edays', '--no-progress-bars'], {
      env: { ...process.env, KAFKA_BROKERS: testBrokers().join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // However long the days take on this machine; a stalled run is what fails.
    const { code: exitCode, output } = await exitWhileProgressing(cli);
    expect({ exitCode, output: exitCode === 0 ? '' : output }).toEqual({ exitCode: 0, output: '' });

    const week = generateWeek({ ...DEFAULT_WEEK_SETTINGS, mpans: MPANS, seed: SEED, firstDataDay: '2026-12-07', days: DAYS, ramp: RAMP });
    expect(existsSync(join(outDir, 'week.html'))).toBe(true);
    const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8'));
    expect(report.checks.everyDayAsDesigned).toBe(true);
    expect(report.days.map((d: { collectionDay: string }) => d.collectionDay)).toEqual(['2026-12-08', '2026-12-09', '2026-12-10']);
    for (const day of report.days) expect([day.deliveriesAsDesigned, day.responsesAsDesigned, day.providersReconcile]).toEqual([true, true, true]);

    // The migration shows in what was read: more MPANs each day, exactly those the week's design reads.
    const hhShares = report.days.map((d: { hhShare: number }) => d.hhShare);
    expect(hhShares).toEqual([...hhShares].sort((a, b) => a - b));
    expect(hhShares[0]).toBeLessThan(hhShares[DAYS - 1]);
    expect(report.days.at(-1).mpanDaysAtDip).toBe(week.deliveries.size);
    for (const kind of ['APPOINTMENT_ENDS', 'CHANGE_OF_SUPPLIER', 'CONSENT_CHANGES', 'METER_EXCHANGED']) {
      expect(report.days.every((d: { changes: Record<string, number> }) => d.changes[kind] > 0)).toBe(true);
    }

    // Each day measured: every service's tables and every process's memory.
    expect(report.storage.byDay).toHaveLength(DAYS);
    expect(Object.keys(report.storage.byDay[0].tables)).toEqual(expect.arrayContaining(['scheduler.collection_items', 'dip-forwarder.dip_outbox', 'access-control.access_decisions']));
    expect(report.memory.map((m: { process: string }) => m.process)).toEqual(expect.arrayContaining(['scheduler', 'dip-forwarder']));
    expect(report.memory.every((m: { byDay: number[] }) => m.byDay.length === DAYS && m.byDay.every((mb) => mb > 0))).toBe(true);
    expect(report.dayReports).toHaveLength(DAYS);
  }, NO_TIME_BUDGET_MS);
});
