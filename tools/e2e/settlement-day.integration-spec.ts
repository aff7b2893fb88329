import { DccUserUpdated, ServiceRequest, ServiceResponse, Topics, withTopicPrefix } from '@halfhour/contracts';
import { settlementPeriodStarts } from '@halfhour/domain';
import { DEFAULT_POPULATION_SETTINGS, deliveryKey, generatePopulation, SimulatedRequest, syntheticHalfHourKwh } from '@halfhour/simulation';
import { eventually, readWholeTopic, testBrokers, testKafka } from '@halfhour/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start`'s settlement day, small: the CLI runs every service, both provider simulators and the
 * upstream simulators on the real broker and database, on an accelerated clock. The test then
 * checks the outcome against the seeded population on its own: each MPAN-day that should reach
 * the DIP did, once, with the meter's values, and nothing else; every request — good, spoiled on
 * purpose, cut short by a registry change mid-run — got the answers it should.
 */
const MPANS = 300;
const COLLECTION_DAY = '2026-12-02';
const SEED = 7;
const PORT_OFFSET = 21_000;
const PHASE_ORDER = ['BEFORE_PLAN', 'AFTER_APPOINTMENTS', 'ON_DEMAND'] as const;

jest.setTimeout(420_000);

describe('npm start: a settlement day end to end', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'halfhour-day-'));
  const output: string[] = [];
  let cli: ChildProcess;

  beforeAll(() => {
    cli = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/halfhour-cli/src/main.ts', 'start',
      '--mpans', String(MPANS), '--seed', String(SEED), '--day', COLLECTION_DAY, '--day-seconds', '60', '--setup-seconds', '45',
      '--out', outDir, '--port-offset', String(PORT_OFFSET), '--namespace', 'e2e', '--keep-running'], {
      env: { ...process.env, KAFKA_BROKERS: testBrokers().join(','), SWC_NODE_PROJECT: 'tsconfig.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cli.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    cli.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  });

  afterAll(async () => {
    if (cli.exitCode === null) {
      cli.kill('SIGINT');
      await once(cli, 'exit');
    }
    rmSync(outDir, { recursive: true, force: true });
  });

  it('delivers exactly the MPAN-days it should, once, with the meters’ values, answers every request as it should, and reconciles', async () => {
    const reportFile = join(outDir, 'report.json');
    await eventually(() => {
      if (cli.exitCode !== null) throw new Error(`the CLI exited early (${cli.exitCode}):\n${output.join('')}`);
      expect(existsSync(reportFile)).toBe(true);
    }, 360_000, 1000);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, seed: SEED, mpans: MPANS, dataDay: '2026-12-01' });

    // What reached the (simulated) DIP, seen from the DIP's side.
    const dip = `http://127.0.0.1:${8091 + PORT_OFFSET}`;
    const mpanDays = (await (await fetch(`${dip}/dip/mpan-days`)).json()) as { mpanCore: string; srv: string; settlementDate: string; references: string[]; complete: boolean; kwh: number[] }[];
    expect(new Set(mpanDays.map((d) => deliveryKey(d.mpanCore, d.srv, d.settlementDate)))).toEqual(population.expectedDeliveries);
    const direction = new Map(population.meters.map((m) => [m.mpan, m.direction]));
    for (const day of mpanDays) {
      expect(day.references).toHaveLength(1);
      expect(day.kwh).toEqual(settlementPeriodStarts(day.settlementDate).map((start) => syntheticHalfHourKwh(day.mpanCore, direction.get(day.mpanCore)!, start)));
    }
    expect(await (await fetch(`${dip}/dip/stats`)).json()).toMatchObject({ badSignatures: 0, refused: 0 });

    // Every request as the users sent it, matched to the population's by user and order.
    const kafka = testKafka('e2e-day');
    const admin = kafka.admin();
    await admin.connect();
    const read = async <T>(topic: string) => (await readWholeTopic(kafka, admin, topic)).map((m) => JSON.parse(m.value!.toString()) as T);
    const sent = await read<ServiceRequest>(withTopicPrefix(Topics.serviceRequests, report.run.topicPrefix).name);
    const responses = await read<ServiceResponse>(withTopicPrefix(Topics.userResponses, report.run.topicPrefix).name);
    const userIds = new Map((await read<DccUserUpdated>(withTopicPrefix(Topics.users, report.run.topicPrefix).name)).map((u) => [u.mpid, u.userId]));
    await admin.disconnect();
    expect(sent).toHaveLength(population.requests.length);
    const answersTo = new Map<string, string[]>();
    for (const r of responses) answersTo.set(r.requestId, [...(answersTo.get(r.requestId) ?? []), r.outcome === 'DATA' ? 'DATA' : r.responseCode]);
    const designed = byUser(population.requests
      .map((r, index) => ({ ...r, index, userId: userIds.get(r.user)! }))
      .sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) || a.index - b.index));
    const actual = byUser(sent.map((s) => ({ ...s, userId: s.requestId.split(':')[0] })));
    for (const [userId, requests] of designed) {
      const theirs = actual.get(userId)!;
      expect(theirs.map((s) => s.mpan)).toEqual(requests.map((r) => r.mpan));
      requests.forEach((request, i) => {
        const answers = answersTo.get(theirs[i].requestId) ?? [];
        expect({ request: theirs[i].requestId, answers: answers.sort() }).toEqual({ request: theirs[i].requestId, answers: expectedAnswers(request).sort() });
      });
    }

    // The report agrees and reconciles: planned = delivered + stopped + expired, per provider.
    expect(report.checks.deliveries.ok).toBe(true);
    expect(report.checks.responses.ok).toBe(true);
    for (const row of report.reconciliation) expect(row.planned).toBe(row.delivered + row.stopped + row.expired);
    expect(report.dip.mpanDaysDelivered).toBe(population.expectedDeliveries.size);
    expect(report.readsSaved.collectOnce).toBeGreaterThan(0);
    expect(report.readsSaved.smets1Cache.hits).toBeGreaterThan(0);

    cli.kill('SIGINT');
    const [code] = await once(cli, 'exit');
    expect(output.join('')).toContain('stopped cleanly');
    expect(code).toBe(0);
  });
});

function byUser<T extends { userId: string }>(requests: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const request of requests) groups.set(request.userId, [...(groups.get(request.userId) ?? []), request]);
  return groups;
}

/** A schedule is acknowledged (I0) and later answered with DATA or E41; an on-demand read with DATA; a refusal with its code. */
function expectedAnswers(request: SimulatedRequest): string[] {
  if (request.expected.decision !== 'I0') return [request.expected.decision];
  return [...(request.schedule ? ['I0'] : []), ...(request.expected.outcome ? [request.expected.outcome] : [])];
}
