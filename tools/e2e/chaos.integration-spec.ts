import { exitWhileProgressing, NO_TIME_BUDGET_MS, testBrokers } from '@halfhour/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChaosReport } from '../../apps/halfhour-cli/src/chaos/chaos-report';
import { planFaults } from '../../apps/halfhour-cli/src/chaos/fault-plan';

/**
 * `npm run chaos`, small and with a fixed seed: a settlement day of 200 MPANs on the real broker and
 * database while services are killed mid-work and drained, the run's databases are cut off, the
 * DIP goes down and then rate-limits, and malformed messages (an oversize one among them) arrive on
 * every inbound topic. The campaign's own findings must all hold.
 */
const SEED = 11;

describe('npm run chaos --small: faults on a settlement day', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'halfhour-chaos-'));

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('loses, doubles and strands nothing, reads no meter twice for one command, and dead-letters every malformed message', async () => {
    const cli = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/halfhour-cli/src/main.js', 'chaos', '--small',
      '--mpans', '200', '--seed', String(SEED), '--day', '2026-12-09', '--day-seconds', '20',
      '--out', outDir, '--port-offset', '22000', '--namespace', 'chaose2e', '--no-progress-bars'], {
      env: { ...process.env, KAFKA_BROKERS: testBrokers().join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // However long the day takes on this machine; a stalled run is what fails.
    const { code, output } = await exitWhileProgressing(cli);

    const report = JSON.parse(readFileSync(join(outDir, 'chaos.json'), 'utf8')) as ChaosReport;
    expect(report.findings.filter((f) => !f.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(output).toContain('The campaign passed.');

    // Every planned fault was done: two steps for each DIP fault (its start and its end).
    const planned = planFaults(SEED, 'small');
    expect(report.faults).toHaveLength(planned.length + planned.filter((f) => f.kind === 'dip-down' || f.kind === 'dip-rate-limited').length);
    expect(report.faults.filter((f) => f.what.startsWith('kill -9')).every((f) => f.outcome.startsWith('ready again'))).toBe(true);
    expect(report.drains.length).toBeGreaterThan(0);
    const malformed = planned.find((f) => f.kind === 'malformed')!;
    expect(report.deadLetters.map((d) => [d.sent, d.deadLettered])).toEqual(report.deadLetters.map(() => [malformed.perTopic, malformed.perTopic]));
    expect(report.deadLetters.every((d) => d.withoutValue <= malformed.oversize)).toBe(true);
  }, NO_TIME_BUDGET_MS);
});
