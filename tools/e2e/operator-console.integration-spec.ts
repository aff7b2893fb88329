import { addDays } from '@halfhour/domain';
import { DEFAULT_POPULATION_SETTINGS, generatePopulation } from '@halfhour/simulation';
import { NO_TIME_BUDGET_MS, outputWhileProgressing, testBrokers } from '@halfhour/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { repositoryRoot } from '../deploy/deploy-tools';
import { allDipMpanDays } from '../../apps/halfhour-cli/src/day/dip-mpan-days';
import { launchChromium } from './chromium';

/**
 * The operator console in a real browser (Debian's Chromium, driven by Playwright) against a day
 * `npm start -- --keep-running` has just played: its figures are the report API's, its DIP count
 * the DIP simulator's own, and that count is what the day's population expects. Screenshots go to
 * out/console/.
 */
const MPANS = 200;
const SEED = 5;
const COLLECTION_DAY = '2026-12-16';
const DATA_DAY = addDays(COLLECTION_DAY, -1);
const PORT_OFFSET = 24_000;
const url = (port: number) => `http://127.0.0.1:${port + PORT_OFFSET}`;
const SHOTS = join(repositoryRoot, 'out', 'console');

describe('the operator console in a browser', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'halfhour-console-'));
  let cli: ChildProcess;
  let browser: Browser | undefined;

  beforeAll(async () => {
    cli = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/halfhour-cli/src/main.js', 'start',
      '--mpans', String(MPANS), '--seed', String(SEED), '--day', COLLECTION_DAY, '--day-seconds', '20',
      '--out', outDir, '--port-offset', String(PORT_OFFSET), '--namespace', 'e2econsole', '--keep-running', '--no-progress-bars'], {
      env: { ...process.env, KAFKA_BROKERS: testBrokers().join(',') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // However long the day takes on this machine; a stalled run is what fails.
    await outputWhileProgressing(cli, 'still running (--keep-running)');
    browser = await launchChromium();
  }, NO_TIME_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    if (cli.exitCode === null) {
      cli.kill('SIGINT');
      await once(cli, 'exit');
    }
    rmSync(outDir, { recursive: true, force: true });
  });

  it('shows the day’s figures as the report API and the DIP have them, with a chart per provider', async () => {
    const token = readFileSync(join(outDir, 'operator-api-token'), 'utf8').trim();
    const authorised = { headers: { authorization: `Bearer ${token}` } };
    type Figures = { items: number; delivered: number; expired: number; unfinished: number };
    const api = (await (await fetch(`${url(8083)}/reports/days/${COLLECTION_DAY}`, authorised)).json()) as {
      reads: Record<string, Figures>; all: Figures; providers: { provider: string }[]; outages: { provider: string; from: string; to: string | null }[];
      capacityChanges: { provider: string; changedAt: string; changedBy: string; readsPerSlot: { from: number; to: number } }[];
    };
    const atDip = (await allDipMpanDays(url(8091))).filter((d) => d.settlementDate === DATA_DAY).length;
    const population = generatePopulation({ ...DEFAULT_POPULATION_SETTINGS, seed: SEED, mpans: MPANS, dataDay: DATA_DAY });
    expect(atDip).toBe([...population.expectedDeliveries].filter((key) => key.endsWith(`|${DATA_DAY}`)).length);
    // The report API's figures are what the population expects: one item delivered per MPAN-day due at the DIP (collected once,
    // backstops included) and per supplier's business-as-usual read (its values to it alone), nothing left unfinished; each MDR's
    // on-demand items at least its new reads of the day before, at most every on-demand request it sent (a data-day read again
    // joins the scheduled item, as an on-demand one if that had finished).
    const ownReads = population.requests.filter((r) => r.purpose === 'BAU').length;
    expect({ delivered: api.all.delivered, unfinished: api.all.unfinished }).toEqual({ delivered: population.expectedDeliveries.size + ownReads, unfinished: 0 });
    const users = (await (await fetch(`${url(8083)}/reports/days/${COLLECTION_DAY}/users`, authorised)).json()) as { users: { userId: string; mpid: string; reads: Record<string, Figures> }[] };
    for (const mdr of ['MDRA', 'MDRB']) {
      // The abuse campaign's requests are refused: they make no items.
      const asked = population.requests.filter((r) => r.user === mdr && r.phase === 'ON_DEMAND' && !r.abuse);
      const onDemand = users.users.find((u) => u.mpid === mdr)?.reads.onDemand.items ?? 0;
      expect(onDemand).toBeGreaterThanOrEqual(asked.filter((r) => r.days?.from === addDays(DATA_DAY, -1)).length);
      expect(onDemand).toBeLessThanOrEqual(asked.length);
    }

    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } });
    // The page runs under its Content-Security-Policy, and nothing of it is blocked.
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    // Without the token the console's API refuses, and the page says so.
    const served = await page.goto(url(8087));
    expect(served?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.fill('#day', COLLECTION_DAY);
    await page.click('#day-form button');
    await page.waitForSelector('#status .bad');
    expect(await page.textContent('#status')).toContain('401');

    await page.fill('#token', token);
    await page.click('#token-form button');
    await page.waitForSelector(`#status[data-shown="${COLLECTION_DAY}"]`);
    const shown = async (testId: string) => (await page.textContent(`[data-testid="${testId}"]`))?.trim();
    expect(await shown('scheduled-items')).toBe(String(api.reads.scheduled.items));
    expect(await shown('scheduled-delivered')).toBe(String(api.reads.scheduled.delivered));
    expect(await shown('onDemand-delivered')).toBe(String(api.reads.onDemand.delivered));
    expect(await shown('all-items')).toBe(String(api.all.items));
    expect(await shown('all-expired')).toBe(String(api.all.expired));
    expect(await shown('dip-delivered')).toBe(String(atDip));
    expect(await shown('dip-backlog')).toBe('0');
    expect(await page.locator('#forecast tr').count()).toBeGreaterThan(1);
    // Each provider's outages and the operator's capacity changes of the day as the report has them (UTC hours and minutes), or none.
    const hhmm = (iso: string | null) => (iso ? iso.slice(11, 16) : 'now');
    for (const { provider } of api.providers) {
      const periods = api.outages.filter((o) => o.provider === provider).map((o) => `${hhmm(o.from)}–${hhmm(o.to)}`).join(', ') || '–';
      const changes = api.capacityChanges.filter((c) => c.provider === provider)
        .map((c) => `${hhmm(c.changedAt)} ${c.readsPerSlot.from}→${c.readsPerSlot.to} (${c.changedBy})`).join(', ') || '–';
      expect({ provider, outages: await shown(`outages-${provider}`), changes: await shown(`capacity-changes-${provider}`) }).toEqual({ provider, outages: periods, changes });
    }
    // Each requester's on-demand use as the report API counts it.
    for (const user of users.users) expect({ user: user.userId, shown: await shown(`user-${user.userId}-on-demand`) }).toEqual({ user: user.userId, shown: String(user.reads.onDemand.items) });
    // A chart for every provider, drawn.
    expect(await page.locator('#chart-grid canvas').count()).toBe(api.providers.length);
    const drawn = await page.locator('#chart-grid canvas').first().evaluate((canvas: HTMLCanvasElement) => canvas.width > 0 && canvas.toDataURL().length > 5_000);
    expect(drawn).toBe(true);
    expect(blocked).toEqual([]);

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `console-${COLLECTION_DAY}.png`), fullPage: true });
    await page.locator('#providers').screenshot({ path: join(SHOTS, `providers-${COLLECTION_DAY}.png`) });
  });
});
