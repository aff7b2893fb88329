import { ReadResult, RequesterDto, ServiceResponse, Topics } from '@halfhour/contracts';
import { addDays, mpanCoreFrom, settlementPeriodStarts } from '@halfhour/domain';
import { SimulatedTime } from '@halfhour/observability';
import { ServiceTestBed } from '@halfhour/service-testing';
import { syntheticHalfHourKwh } from '@halfhour/simulation';
import { eventually, ServiceUnderTest } from '@halfhour/testing';
import { Client } from 'pg';

let serial = Math.floor(Math.random() * 1e9);
const freshMpan = () => mpanCoreFrom('14', String(serial++).padStart(10, '0'));
const MDR: RequesterDto = { userId: '00-00-00-00-00-00-AB-01', role: 'MDR', mpid: 'MDRA', origin: 'DSP-00000000000000ab', requestId: '00-00-00-00-00-00-AB-01:00-00-00-00-00-00-00-01:1', purpose: 'MHHS' };
const SUPPLIER_BAU: RequesterDto = { userId: '00-00-00-00-00-00-AB-02', role: 'IS', mpid: 'SUPA', origin: '00-00-00-00-00-00-AB-02:00-00-00-00-00-00-00-01:7', requestId: '00-00-00-00-00-00-AB-02:00-00-00-00-00-00-00-01:7', purpose: 'BAU' };
const DISTRIBUTOR: RequesterDto = { userId: '00-00-00-00-00-00-AB-03', role: 'ED', mpid: 'EDNW', origin: '00-00-00-00-00-00-AB-03:00-00-00-00-00-00-00-01:3', requestId: '00-00-00-00-00-00-AB-03:00-00-00-00-00-00-00-01:3' };

function result(mpan: string, requesters: RequesterDto[]): ReadResult {
  const dataDay = '2026-11-26';
  const itemKey = `${mpan}|4.8.1|${dataDay}`;
  return {
    commandId: `${itemKey}#1`, itemKey, planDay: addDays(dataDay, 1), mpan, deviceId: '00-00-00-00-00-00-D1-02', provider: 'CSP-CENTRAL', srv: '4.8.1',
    dataDay, attempt: 1, outcome: 'COMPLETE', source: 'METER', registers: [], requesters, completedAt: new Date().toISOString(),
    periods: settlementPeriodStarts(dataDay).map((start) => ({ start: start.toISOString(), quality: 'ACTUAL' as const, kwh: syntheticHalfHourKwh(mpan, 'IMPORT', start) })),
  };
}

/** Where the forwarder sends a read's data, by its requesters' purposes (routeData): settlement to the DIP, the rest to each requester alone. */
describe('dip-forwarder routing data by purpose', () => {
  const bed = new ServiceTestBed({ name: 'dip-routing', entry: 'apps/dip-forwarder/src/main.ts', env: { RELAY_INTERVAL_MS: '50' } });
  const dip = new ServiceUnderTest('apps/dip-simulator/src/main.ts', {});
  const time = new SimulatedTime({ start: new Date('2026-11-27T10:00:00Z'), services: () => (bed.service?.isRunning ? [bed.service.baseUrl] : []) });
  let db: Client;
  const publish = (results: ReadResult[]) => bed.publish(Topics.readResults, Topics.readResults.messages[0], results);
  const answersAbout = async (mpan: string) => (await bed.readAll(bed.topicName(Topics.userResponses)))
    .map((record) => JSON.parse(record.value!.toString()) as ServiceResponse)
    .filter((response) => response.dataReference?.startsWith(mpan));
  const outboxRows = async (mpan: string) => (await db.query('SELECT reference FROM dip_outbox WHERE mpan = $1', [mpan])).rows;

  beforeAll(async () => {
    await bed.setUp();
    await dip.start();
    db = new Client({ connectionString: bed.database.url });
    await db.connect();
    bed.service = await bed.newServiceProcess({ DIP_URL: dip.baseUrl, ...time.environment() }).start();
  });

  afterAll(async () => {
    await db.end();
    await dip.stop();
    await bed.tearDown();
  });

  it('never sends a supplier’s business-as-usual read or a distributor’s to the DIP, and sends each its values', async () => {
    const mpan = freshMpan();
    const read = result(mpan, [SUPPLIER_BAU, DISTRIBUTOR]);
    await publish([read]);
    const answers = await eventually(async () => {
      const found = await answersAbout(mpan);
      expect(found).toHaveLength(2);
      return found;
    }, 30_000, 100);
    await time.settle();

    expect(answers.map((a) => a.userId).sort()).toEqual([SUPPLIER_BAU.userId, DISTRIBUTOR.userId]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ responseCode: 'I0', outcome: 'DATA', values: { mpan, srv: '4.8.1', dataDay: read.dataDay, outcome: 'COMPLETE', periods: read.periods, registers: [] } });
    }
    expect(await outboxRows(mpan)).toEqual([]);
    expect((await dip.get<{ unique: number }>('/dip/stats')).body.unique).toBe(0);
    expect(await bed.service.metric('halfhour_dip_data_answers_total', { route: 'requester' })).toBe(2);
  });

  it('sends a read collected once for an MDR and a supplier to the DIP once: the MDR is told its reference, the supplier gets the values', async () => {
    const mpan = freshMpan();
    await publish([result(mpan, [MDR, SUPPLIER_BAU])]);
    await eventually(async () => expect((await dip.get<{ unique: number }>('/dip/stats')).body.unique).toBe(1), 30_000, 100);
    const answers = await eventually(async () => {
      const found = await answersAbout(mpan);
      expect(found).toHaveLength(2);
      return found;
    }, 30_000, 100);

    const [reference] = (await outboxRows(mpan)).map((row) => row.reference as string);
    const toMdr = answers.find((a) => a.userId === MDR.userId)!;
    const toSupplier = answers.find((a) => a.userId === SUPPLIER_BAU.userId)!;
    expect(toMdr).toMatchObject({ responseCode: 'I0', outcome: 'DATA', dataReference: reference, dspScheduleId: MDR.origin });
    expect(toMdr.values).toBeUndefined();
    expect(toSupplier.values?.periods).toHaveLength(48);
  });
});
