import { exitWhileProgressing, NO_TIME_BUDGET_MS } from '@halfhour/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChaosReport } from '../../apps/halfhour-cli/src/chaos/chaos-report';

/**
 * `npm run chaos -- --brokers 3 --replicas 2`, small and with a fixed seed: the production shape
 * on this machine — a three-broker cluster at replication factor 3 and min.insync.replicas 2, every
 * Halfhour service as two replicas in one consumer group — through the small campaign's faults,
 * each kill and drain stopping one replica while the other holds the group, and the broker that
 * leads the most partitions killed and revived ten minutes later. The campaign must find nothing.
 */
const SEED = 11;

describe('npm run chaos --small on three brokers and two replicas of each service', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'halfhour-chaos-cluster-'));

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('loses, doubles and strands nothing when replicas die under their groups and the busiest broker is lost', async () => {
    const cli = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/halfhour-cli/src/main.js', 'chaos', '--small', '--brokers', '3', '--replicas', '2',
      '--mpans', '200', '--seed', String(SEED), '--day', '2026-12-09', '--day-seconds', '20',
      '--out', outDir, '--port-offset', '24000', '--namespace', 'chaoscluster', '--no-progress-bars'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const { code, output } = await exitWhileProgressing(cli);

    const report = JSON.parse(readFileSync(join(outDir, 'chaos.json'), 'utf8')) as ChaosReport;
    expect(report.findings.filter((f) => !f.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(output).toContain('The campaign passed.');

    const day = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as { stack: { brokers: number; processes: Record<string, number> } };
    expect(day.stack).toMatchObject({ brokers: 3, processes: { 'registration-intake': 2, 'access-control': 2, scheduler: 2, 'adapter-smets1': 2, 'adapter-smets2': 2, 'dip-forwarder': 2 } });
    const stopped = report.faults.filter((f) => /^(kill -9|SIGTERM) \S+-[12] /.test(f.what));
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped.every((f) => /ready again/.test(f.outcome))).toBe(true);
    const brokerKill = report.faults.find((f) => f.what === 'kill -9 the busiest partition leader broker');
    expect(brokerKill?.outcome).toMatch(/^node [123], leader of \d+ partitions, killed/);
    expect(report.faults.find((f) => f.what === 'the killed broker started again')?.outcome).toMatch(/^node [123] started again on its data/);
    expect(report.faults.every((f) => typeof f.groupJoins === 'number' && f.stallSeconds !== undefined)).toBe(true);
    expect(report.notLive).toEqual([]);
  }, NO_TIME_BUDGET_MS);
});
