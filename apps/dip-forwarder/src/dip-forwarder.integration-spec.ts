import { ENVELOPE_HEADERS, ReadResult, ServiceResponse, Topics } from '@halfhour/contracts';
import { addDays, DipMessage, mpanCoreFrom, settlementPeriodStarts } from '@halfhour/domain';
import { SimulatedTime } from '@halfhour/observability';
import { migrationRoundTrip, ServiceTestBed } from '@halfhour/service-testing';
import { syntheticHalfHourKwh } from '@halfhour/simulation';
import { eventually, ServiceUnderTest } from '@halfhour/testing';
import { Client } from 'pg';
import { DIP_FORWARDER_ENTITIES, DIP_FORWARDER_MIGRATIONS } from './persistence/dip-forwarder-schema';

let serial = Math.floor(Math.random() * 1e9);
const freshMpan = () => mpanCoreFrom('13', String(serial++).padStart(10, '0'));
const USER = { userId: '00-00-00-00-00-00-AA-01', role: 'MDR' as const, mpid: 'MDRA', origin: 'DSP-0123456789abcdef', requestId: '00-00-00-00-00-00-AA-01:00-00-00-00-00-00-00-01:5' };

function result(mpan: string, dataDay: string, attempt = 1): ReadResult {
  const itemKey = `${mpan}|4.8.1|${dataDay}`;
  return {
    commandId: `${itemKey}#${attempt}`, itemKey, planDay: addDays(dataDay, 1), mpan, deviceId: '00-00-00-00-00-00-D1-01', provider: 'CSP-CENTRAL', srv: '4.8.1',
    dataDay, attempt, outcome: 'COMPLETE', source: 'METER', registers: [], requesters: [USER], completedAt: new Date().toISOString(),
    periods: settlementPeriodStarts(dataDay).map((start) => ({ start: start.toISOString(), quality: 'ACTUAL' as const, kwh: syntheticHalfHourKwh(mpan, 'IMPORT', start) })),
  };
}

describe('dip-forwarder with the DIP simulator', () => {
  const bed = new ServiceTestBed({ name: 'dip', entry: 'apps/dip-forwarder/src/main.ts', env: { RELAY_INTERVAL_MS: '50', DIP_BACKOFF_MAX_MS: '500', DIP_BATCH_SIZE: '5' } });
  const dip = new ServiceUnderTest('apps/dip-simulator/src/main.ts', {});
  let db: Client;
  const dipStats = async () => (await dip.get<{ unique: number; duplicates: number; refused: number; badSignatures: number; calls: number; unavailable: number; failedOnPurpose: number }>('/dip/stats')).body;
  const behave = (changes: object) => fetch(`${dip.baseUrl}/dip/behaviour`, { method: 'PUT', body: JSON.stringify(changes) });
  // The forwarder runs on simulated time the test owns; each step settles only once its relay has run again and found nothing to do.
  const time = new SimulatedTime({ start: new Date('2026-12-01T10:00:00Z'), services: () => (bed.service?.isRunning ? [bed.service.baseUrl] : []) });
  const forwarder = (env: Record<string, string> = {}) => bed.newServiceProcess({ DIP_URL: dip.baseUrl, ...time.environment(), ...env });
  const publish = (results: ReadResult[]) => bed.publish(Topics.readResults, Topics.readResults.messages[0], results);
  /**
   * Waits for `check` to hold as the forwarder's time passes: a minute a step, each once it has
   * settled. The relay's back-off after a DIP failure runs on that time, so only steps end it.
   */
  const progressing = async (check: () => Promise<unknown>) => {
    const holds = () => check().then(() => true, () => false);
    await time.advanceUntil(holds, new Date(time.now().getTime() + 3_600_000));
  };
  /** The answers about an MPAN on the user-responses topic, by message ID: a requester counts each ID once. */
  const answersFor = async (mpan: string): Promise<Map<string, ServiceResponse[]>> => {
    const byId = new Map<string, ServiceResponse[]>();
    for (const record of await bed.readAll(bed.topicName(Topics.userResponses))) {
      const response = JSON.parse(record.value!.toString()) as ServiceResponse;
      if (!response.dataReference?.startsWith(mpan)) continue;
      const id = record.headers![ENVELOPE_HEADERS.messageId]!.toString();
      byId.set(id, [...(byId.get(id) ?? []), response]);
    }
    return byId;
  };

  beforeAll(async () => {
    await bed.setUp();
    await dip.start();
    db = new Client({ connectionString: bed.database.url });
    await db.connect();
    bed.service = await forwarder().start();
  });

  beforeEach(async () => {
    await fetch(`${dip.baseUrl}/dip/stats`, { method: 'DELETE' });
  });

  afterAll(async () => {
    await db.end();
    await dip.stop();
    await bed.tearDown();
  });

  it('sends clock-change days as 46 and 50 settlement periods, signed, and tells the requester where the data went', async () => {
    const mpan = freshMpan();
    await publish([result(mpan, '2026-03-29'), result(mpan, '2026-10-25')]);
    await eventually(async () => expect((await dipStats()).unique).toBe(2), 30_000, 100);
    expect((await dipStats()).badSignatures).toBe(0);
    // The DIP has them; the forwarder records that when its round commits.
    const rows = await eventually(async () => {
      const found = (await db.query(`SELECT reference, state, transaction_id FROM dip_outbox WHERE mpan = $1 ORDER BY reference`, [mpan])).rows;
      expect(found.map((r) => r.state)).toEqual(['DELIVERED', 'DELIVERED']);
      return found;
    }, 10_000, 100);
    const [spring, autumn] = await Promise.all(rows.map(async (r) => (await dip.get<DipMessage>(`/dip/messages/${encodeURIComponent(r.reference)}`)).body));
    expect(spring.custom.periods.map((p) => p.settlementPeriod)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(autumn.custom.periods.map((p) => p.settlementPeriod)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(autumn.custom.periods[4]).toEqual({ utcPeriodStart: '2026-10-25T01:00:00.000Z', settlementPeriod: 5, quality: 'ACTUAL', kwh: syntheticHalfHourKwh(mpan, 'IMPORT', new Date('2026-10-25T01:00:00Z')) });
    expect(autumn.common).toMatchObject({ mpanCore: mpan, gspGroup: '_D', interfaceId: 'HALFHOUR-HH-DATA', senderUniqueReference: rows[1].reference });

    const responses = (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);
    // Answers for different days may come in any order; rows are ordered by item key, and so is a reference.
    const answered = responses.filter((r) => r.dataReference?.startsWith(mpan)).sort((a, b) => a.dataReference!.localeCompare(b.dataReference!));
    expect(answered).toEqual(rows.map((r) => expect.objectContaining({
      requestId: USER.requestId, userId: USER.userId, responseCode: 'I0', outcome: 'DATA', dataReference: r.reference, dspScheduleId: USER.origin,
    })));
  });

  it('tells each requester once per data, however often the same data arrives; a latecomer on the same data is still told', async () => {
    const mpan = freshMpan();
    const latecomer = { ...USER, userId: '00-00-00-00-00-00-AA-02', requestId: '00-00-00-00-00-00-AA-02:00-00-00-00-00-00-00-01:6', origin: '00-00-00-00-00-00-AA-02:00-00-00-00-00-00-00-01:6' };
    const first = result(mpan, '2026-11-28');
    // The meter read again for the same command after a redelivery: new messages, the same data, in one batch and in the next.
    await publish([first, first]);
    await publish([first]);
    // Read again for someone who joined the item later: the same data, only them as requester.
    await publish([{ ...result(mpan, '2026-11-28', 2), requesters: [latecomer] }]);
    await time.settle();
    const answers = await answersFor(mpan);
    // An answer the same data brought again is a repeat under the first one's ID, which the requester drops.
    expect([...answers.values()].map((copies) => copies[0].userId).sort()).toEqual([USER.userId, latecomer.userId]);
    expect(new Set([...answers.values()].flat().map((r) => r.dataReference)).size).toBe(1);
  });

  it('answers each requester under one message ID, even when it dies after storing a result and before answering', async () => {
    const mpan = freshMpan();
    await bed.service.stop('SIGTERM');
    bed.service = await forwarder({ FAULT_EXIT_BEFORE_ANSWERING: 'true' }).start();
    await publish([result(mpan, '2026-11-27')]);
    await eventually(async () => expect(bed.service.isRunning).toBe(false), 30_000, 100);
    const { rows: stored } = await db.query(`SELECT state FROM dip_outbox WHERE mpan = $1`, [mpan]);
    expect(stored).toEqual([{ state: 'PENDING' }]);
    expect((await answersFor(mpan)).size).toBe(0);

    bed.service = await forwarder().start();
    await time.settle();
    const answers = await answersFor(mpan);
    expect(answers.size).toBe(1);
    expect([...answers.values()][0][0]).toEqual(expect.objectContaining({ requestId: USER.requestId, outcome: 'DATA', responseCode: 'I0' }));
  });

  it('keeps everything through a long DIP outage and two restarts, then delivers each MPAN-day once in effect', async () => {
    await behave({ down: true });
    const mpans = Array.from({ length: 40 }, freshMpan);
    await publish(mpans.map((m) => result(m, '2026-11-30')));
    await progressing(async () => expect(await bed.service.metric('halfhour_dip_backlog_messages')).toBe(40));
    await bed.service.stop('SIGTERM');
    // The same results again, as after a crash upstream: queued once.
    await publish(mpans.slice(0, 10).map((m) => result(m, '2026-11-30', 2)));
    bed.service = await forwarder().start();
    await progressing(async () => expect((await dipStats()).unavailable).toBeGreaterThan(0));
    await bed.service.stop('SIGKILL');
    bed.service = await forwarder().start();
    expect((await dipStats()).unique).toBe(0);

    await behave({ down: false });
    await progressing(async () => expect((await dipStats()).unique).toBe(40));
    await progressing(async () => {
      const { rows } = await db.query(`SELECT state, count(*)::int AS n FROM dip_outbox WHERE mpan = ANY($1) GROUP BY state`, [mpans]);
      expect(rows).toEqual([{ state: 'DELIVERED', n: 40 }]);
    });
    await progressing(async () => expect(await bed.service.metric('halfhour_dip_backlog_messages')).toBe(0));
  });

  it('waits out a DIP that refuses our signature and then throttles us, refuses nothing, and delivers once it accepts', async () => {
    await behave({ failWith: 401 });
    const mpans = Array.from({ length: 6 }, freshMpan);
    await publish(mpans.map((m) => result(m, '2026-11-28')));
    await progressing(async () => expect((await dipStats()).failedOnPurpose).toBeGreaterThanOrEqual(2));
    await behave({ failWith: 429, retryAfterSeconds: 1 });
    const throttledFrom = (await dipStats()).failedOnPurpose;
    await progressing(async () => expect((await dipStats()).failedOnPurpose).toBeGreaterThanOrEqual(throttledFrom + 2));
    const { rows: waiting } = await db.query(`SELECT state, count(*)::int AS n FROM dip_outbox WHERE mpan = ANY($1) GROUP BY state`, [mpans]);
    expect(waiting).toEqual([{ state: 'PENDING', n: 6 }]);
    // Each failed try is written down with the row: how often it was tried, and why it failed.
    const { rows: [tried] } = await db.query(`SELECT count(*)::int AS n, bool_and(last_error IS NOT NULL) AS explained FROM dip_outbox WHERE mpan = ANY($1) AND attempts > 0`, [mpans]);
    expect(tried.n).toBeGreaterThan(0);
    expect(tried.explained).toBe(true);

    await behave({ failWith: 0, retryAfterSeconds: 0 });
    await progressing(async () => expect((await dipStats()).unique).toBe(6));
    await progressing(async () => {
      const { rows } = await db.query(`SELECT state, count(*)::int AS n FROM dip_outbox WHERE mpan = ANY($1) GROUP BY state`, [mpans]);
      expect(rows).toEqual([{ state: 'DELIVERED', n: 6 }]);
    });
    expect(await bed.service.metric('halfhour_dip_call_seconds_count', { status: 'unauthorised' })).toBeGreaterThanOrEqual(2);
    expect(await bed.service.metric('halfhour_dip_call_seconds_count', { status: 'throttled' })).toBeGreaterThanOrEqual(2);
  });

  it('reports an MPAN-day the DIP refuses, delivers the rest of its call, and never sends it again', async () => {
    const [refused, ...fine] = Array.from({ length: 5 }, freshMpan);
    await behave({ refuseMpans: [refused] });
    await publish([refused, ...fine].map((m) => result(m, '2026-11-29')));
    await progressing(async () => expect((await dipStats()).unique).toBe(4));
    await progressing(async () => {
      const { rows } = await db.query(`SELECT state, last_error FROM dip_outbox WHERE mpan = $1`, [refused]);
      expect(rows).toEqual([{ state: 'REFUSED', last_error: expect.stringContaining('MPAN_NOT_REGISTERED') }]);
    });
    const refusedCalls = (await dipStats()).refused;
    await time.advanceBy(5 * 60_000);
    expect((await dipStats()).refused).toBe(refusedCalls);
    expect(await bed.service.metric('halfhour_dip_messages_total', { outcome: 'refused' })).toBe(1);

    // The day's DIP figures for the transparency report.
    const { body: report } = await bed.service.get<{ mpanDays: object; refusals: { reason: string; mpanDays: number }[] }>('/deliveries/days/2026-11-29');
    expect(report.mpanDays).toEqual({ pending: 0, delivered: 4, refused: 1 });
    expect(report.refusals).toEqual([{ reason: expect.stringContaining('MPAN_NOT_REGISTERED'), mpanDays: 1 }]);
    expect(await bed.service.get('/deliveries/days/2026-11-31')).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_DATE' } });
  });

  it('re-delivers a settlement day and re-sends what the DIP refused when an operator asks: audited, once in effect at the DIP, safe to run twice', async () => {
    const [refused, ...fine] = Array.from({ length: 4 }, freshMpan);
    await behave({ refuseMpans: [refused] });
    await publish([refused, ...fine].map((m) => result(m, '2026-11-21')));
    await progressing(async () => {
      const { rows } = await db.query(`SELECT state, count(*)::int AS n FROM dip_outbox WHERE mpan = ANY($1) GROUP BY state ORDER BY state`, [[refused, ...fine]]);
      expect(rows).toEqual([{ state: 'DELIVERED', n: 3 }, { state: 'REFUSED', n: 1 }]);
    });
    const post = (path: string, body: object, scope: 'read' | 'write' = 'write') => bed.service.send<{ affected: number; reasonCode?: string }>('POST', path, body, scope);
    const who = { reason: 'the DIP lost 21 November' };
    // Who asks is the token's name: a body naming someone is refused; a read-scope token may not re-deliver.
    expect(await post('/deliveries/redeliver', { settlementDate: '2026-11-21', ...who, requestedBy: 'someone-else' })).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_REQUEST' } });
    expect(await post('/deliveries/redeliver', { settlementDate: '2026-11-21', ...who }, 'read')).toMatchObject({ status: 403, body: { reasonCode: 'READ_ONLY_TOKEN' } });
    expect(await post('/deliveries/redeliver', { settlementDate: '2026-02-30', ...who })).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_REQUEST' } });

    const delivered = async () => (await db.query(`SELECT count(*)::int AS n FROM dip_outbox WHERE mpan = ANY($1) AND state = 'DELIVERED'`, [[refused, ...fine]])).rows[0].n;
    for (const run of [1, 2]) {
      expect(await post('/deliveries/redeliver', { settlementDate: '2026-11-21', ...who })).toEqual({ status: 200, body: expect.objectContaining({ action: 'REDELIVER_DAY', affected: 3 }) });
      await progressing(async () => {
        expect((await dipStats()).duplicates).toBe(3 * run);
        expect(await delivered()).toBe(3);
      });
    }
    // The DIP saw each MPAN-day again, and counts it once.
    expect((await dipStats()).unique).toBe(3);

    await behave({ refuseMpans: [] });
    expect((await post('/deliveries/resend-refused', { settlementDate: '2026-11-21', ...who })).body.affected).toBe(1);
    await progressing(async () => expect(await delivered()).toBe(4));
    expect((await post('/deliveries/resend-refused', { settlementDate: '2026-11-21', ...who })).body.affected).toBe(0);
    expect((await dipStats()).unique).toBe(4);

    const { body: audit } = await bed.service.get<{ action: string; arguments: object; requestedBy: string; affected: number }[]>('/operator-actions');
    expect(audit.slice(0, 4).map((a) => [a.action, a.affected, a.requestedBy])).toEqual([
      ['RESEND_REFUSED', 0, 'duty-operator'], ['RESEND_REFUSED', 1, 'duty-operator'], ['REDELIVER_DAY', 3, 'duty-operator'], ['REDELIVER_DAY', 3, 'duty-operator'],
    ]);
    expect(audit[0].arguments).toEqual({ settlementDate: '2026-11-21' });
  });

  it('has an outbox schema its migrations build exactly, and take down', async () => {
    expect(await migrationRoundTrip(DIP_FORWARDER_ENTITIES, DIP_FORWARDER_MIGRATIONS)).toEqual({
      applied: DIP_FORWARDER_MIGRATIONS.map((m) => m.name), pendingAfterUp: [], tablesAfterDown: [],
    });
  });
});
