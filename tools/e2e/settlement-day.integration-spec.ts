import { DccUserUpdated, ServiceRequest, ServiceResponse, Topics, withTopicPrefix } from '@halfhour/contracts';
import { settlementPeriodStarts } from '@halfhour/domain';
import { answersExpected, DEFAULT_POPULATION_SETTINGS, deliveryKey, generatePopulation, syntheticHalfHourKwh } from '@halfhour/simulation';
import { eventually, freePort, readWholeTopic, testBrokers, testKafka } from '@halfhour/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MetricsSnapshot } from '../../apps/halfhour-cli/src/day/metrics-reader';
import { allDipMpanDays } from '../../apps/halfhour-cli/src/day/dip-mpan-days';
import { answerCodeOf } from '../../apps/halfhour-cli/src/day/user-answers';
import { repositoryRoot, runTool } from '../deploy/deploy-tools';
import { dashboardExpressions, metricsNamedInRulesAndDashboards } from '../deploy/named-metrics';

/**
 * `npm start`'s settlement day, small: the CLI runs every service, both provider simulators and the
 * upstream simulators on the real broker and database, on the stepped clock. The test then
 * checks the outcome against the seeded population on its own: each MPAN-day that should reach
 * the DIP did, once, with the meter's values, and nothing else; every request — good, spoiled on
 * purpose, cut short by a registry change mid-run — got the answers it should.
 */
const MPANS = 300;
const COLLECTION_DAY = '2026-12-02';
const SEED = 7;
const PORT_OFFSET = 21_000;
const PHASE_ORDER = ['BEFORE_PLAN', 'AFTER_APPOINTMENTS', 'ON_DEMAND'] as const;
/** The six services' usual ports (apps/halfhour-cli/src/stack/service-catalogue.ts). */
const SERVICE_PORTS = [8081, 8082, 8083, 8084, 8085, 8086];

// A guard against a hang, not a budget for the machine: the run takes as long as the system needs.
jest.setTimeout(1_800_000);

describe('npm start: a settlement day end to end', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'halfhour-day-'));
  const output: string[] = [];
  let cli: ChildProcess;

  beforeAll(() => {
    // The CLI as `npm start` runs it: compiled (the integration tests' global setup builds dist/).
    cli = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/halfhour-cli/src/main.js', 'start',
      '--mpans', String(MPANS), '--seed', String(SEED), '--day', COLLECTION_DAY, '--day-seconds', '60',
      '--out', outDir, '--port-offset', String(PORT_OFFSET), '--namespace', 'e2e', '--keep-running'], {
      env: { ...process.env, KAFKA_BROKERS: testBrokers().join(',') },
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
    // The CLI says where the report is once it has written it; it exits early only on failure.
    await new Promise<void>((resolve, reject) => {
      if (output.join('').includes('report: ')) return resolve();
      cli.stdout!.on('data', () => output.join('').includes('report: ') && resolve());
      cli.once('exit', (code) => reject(new Error(`the CLI exited early (${code}):\n${output.join('')}`)));
    });
    expect(existsSync(reportFile)).toBe(true);
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, seed: SEED, mpans: MPANS, dataDay: '2026-12-01' });

    // What reached the (simulated) DIP, seen from the DIP's side.
    const dip = `http://127.0.0.1:${8091 + PORT_OFFSET}`;
    const mpanDays = await allDipMpanDays(dip);
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
    // Tombstones (the deleted user's, on the users topic) carry no value: records only.
    const read = async <T>(topic: string) => (await readWholeTopic(kafka, admin, topic)).flatMap((m) => (m.value ? [JSON.parse(m.value.toString()) as T] : []));
    const sent = await read<ServiceRequest>(withTopicPrefix(Topics.serviceRequests, report.run.topicPrefix).name);
    const responses = await read<ServiceResponse>(withTopicPrefix(Topics.userResponses, report.run.topicPrefix).name);
    const userIds = new Map((await read<DccUserUpdated>(withTopicPrefix(Topics.users, report.run.topicPrefix).name)).map((u) => [u.mpid, u.userId]));
    await admin.disconnect();
    expect(sent).toHaveLength(population.requests.length);
    const answersTo = new Map<string, string[]>();
    for (const r of responses) answersTo.set(r.requestId, [...(answersTo.get(r.requestId) ?? []), answerCodeOf(r)]);
    const designed = byUser(population.requests
      .map((r, index) => ({ ...r, index, userId: userIds.get(r.user)! }))
      .sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) || a.index - b.index));
    const actual = byUser(sent.map((s) => ({ ...s, userId: s.requestId.split(':')[0] })));
    for (const [userId, requests] of designed) {
      const theirs = actual.get(userId)!;
      expect(theirs.map((s) => s.mpan)).toEqual(requests.map((r) => r.mpan));
      requests.forEach((request, i) => {
        const answers = answersTo.get(theirs[i].requestId) ?? [];
        expect({ request: theirs[i].requestId, answers: answers.sort() }).toEqual({ request: theirs[i].requestId, answers: answersExpected(request).sort() });
      });
    }

    // Suppliers' business-as-usual reads: never at the DIP (above), and their own values in the answer.
    const withValues = responses.flatMap((r) => (r.values ? [r.values] : []));
    expect(withValues).toHaveLength(population.requests.filter((r) => r.purpose === 'BAU').length);
    for (const v of withValues) expect(v.periods.map((p) => p.kwh)).toEqual(settlementPeriodStarts(v.dataDay).map((start) => syntheticHalfHourKwh(v.mpan, direction.get(v.mpan)!, start)));

    // The report agrees and reconciles: planned = delivered + stopped + expired, per provider.
    expect(report.checks.deliveries.ok).toBe(true);
    expect(report.checks.responses.ok).toBe(true);
    // The fixed-seed abuse campaign: every hostile request refused with its code, no data to anyone not entitled.
    expect(report.checks.abuse).toEqual({
      byKind: {
        NO_RELATIONSHIP: { tried: 4, refused: 4 }, UNKNOWN_MPAN_PROBE: { tried: 1, refused: 1 }, PERIOD_IN_FUTURE: { tried: 1, refused: 1 },
        PERIOD_OF_CENTURIES: { tried: 1, refused: 1 }, REVOKED_USER: { tried: 1, refused: 1 }, DELETED_USER: { tried: 1, refused: 1 },
      },
      dataReleased: 0, ok: true,
    });
    for (const row of report.reconciliation) expect(row.planned).toBe(row.delivered + row.stopped + row.expired);
    expect(report.dip.mpanDaysDelivered).toBe(population.expectedDeliveries.size);
    expect(report.readsSaved.collectOnce).toBeGreaterThan(0);
    expect(report.readsSaved.smets1Cache.hits).toBeGreaterThan(0);

    await checkObservability();
    await checkOperatorApi(readFileSync(join(outDir, 'operator-api-token'), 'utf8').trim(), mpanDays[0].mpanCore);

    cli.kill('SIGINT');
    const [code] = await once(cli, 'exit');
    expect(output.join('')).toContain('stopped cleanly');
    expect(code).toBe(0);
  });
});

/** Each service's data endpoint refuses a request without the run's operator API token and answers one with it. */
async function checkOperatorApi(token: string, mpan: string): Promise<void> {
  const endpoints = [
    `http://127.0.0.1:${8081 + PORT_OFFSET}/mpans/${mpan}`,
    `http://127.0.0.1:${8082 + PORT_OFFSET}/audit?limit=1`,
    `http://127.0.0.1:${8083 + PORT_OFFSET}/plans/${COLLECTION_DAY}`,
  ];
  const statuses = async (headers: Record<string, string>) => Promise.all(endpoints.map(async (url) => [url, (await fetch(url, { headers })).status]));
  expect(await statuses({})).toEqual(endpoints.map((url) => [url, 401]));
  expect(await statuses({ authorization: `Bearer ${token}` })).toEqual(endpoints.map((url) => [url, 200]));
}

/**
 * Every metric the alert rules and dashboards name is one the running services export, and a real
 * Prometheus scraping them answers the dashboards' queries with data.
 */
async function checkObservability(): Promise<void> {
  const ports = SERVICE_PORTS.map((port) => port + PORT_OFFSET);
  const scrapes = await Promise.all(ports.map((port) => MetricsSnapshot.of(`http://127.0.0.1:${port}`)));
  const exported = new Set(scrapes.flatMap((s) => [...s.names()]));
  const missing = [...metricsNamedInRulesAndDashboards()].filter(([name]) => !exported.has(name));
  expect(missing).toEqual([]);

  const dir = mkdtempSync(join(tmpdir(), 'halfhour-prometheus-'));
  copyFileSync(join(repositoryRoot, 'deploy/prometheus/halfhour-rules.yaml'), join(dir, 'halfhour-rules.yaml'));
  writeFileSync(join(dir, 'prometheus.yml'), [
    'global: { scrape_interval: 1s, evaluation_interval: 1s }',
    'rule_files: [halfhour-rules.yaml]',
    'scrape_configs:',
    '  - job_name: halfhour',
    `    static_configs: [{ targets: [${ports.map((p) => `"127.0.0.1:${p}"`).join(', ')}] }]`,
  ].join('\n'));
  runTool('promtool', 'prometheus', ['--version']);
  const port = await freePort();
  const prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  try {
    const query = async (expr: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expr)}`);
      return ((await response.json()) as { data: { result: unknown[] } }).data.result;
    };
    await eventually(async () => expect(await query('sum by (instance) (up{job="halfhour"})')).toHaveLength(ports.length), 60_000, 500);
    const expressions = dashboardExpressions();
    expect(expressions.length).toBeGreaterThan(10);
    await eventually(async () => expect(await query('sum by (state) (halfhour_scheduler_items)')).not.toHaveLength(0), 30_000, 500);
    // Every dashboard query is valid PromQL to this Prometheus (an error would be thrown as a 400).
    for (const expr of expressions) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expr)}`);
      expect({ expr, status: response.status }).toEqual({ expr, status: 200 });
    }
  } finally {
    prometheus.kill('SIGTERM');
    await once(prometheus, 'exit');
    rmSync(dir, { recursive: true, force: true });
  }
}

function byUser<T extends { userId: string }>(requests: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const request of requests) groups.set(request.userId, [...(groups.get(request.userId) ?? []), request]);
  return groups;
}
