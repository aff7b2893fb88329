import { RequestAuthorised, ServiceResponse, Topics } from '@halfhour/contracts';
import { randomUUID } from 'node:crypto';
import { freshMpan, MDR_USER, SchedulerTestBed, timeline } from '../test/scheduler-test-bed';

const TRT_SECONDS = 30;

describe('on-demand reads with a 30-second TRT, in their own lane of each provider’s slots', () => {
  // The clock stands at 02:00 (inside the excluded window) until the test moves it. Each CSP takes
  // 1,000 reads a slot, 500 for MHHS by day; at night on-demand reads may use 300, an S1SP 6 of 20.
  const bed = SchedulerTestBed.forSuite('2026-12-01T02:00:00Z', {
    PROVIDER_CAPACITY: 'CSP-NORTH=1000,CSP-CENTRAL=1000,CSP-SOUTH=1000', OTHER_PROVIDER_READS_PER_SLOT: '20', RESERVED_SHARE: '0.5',
    NIGHT_ON_DEMAND_SHARE: '0.3', NO_RESPONSE_AFTER_SECONDS: '3600',
  });
  let serial = 0;

  async function meters(count: number, provider: Parameters<typeof timeline>[2]) {
    const list = Array.from({ length: count }, () => ({ mpan: freshMpan(), deviceId: `00-00-00-00-00-01-${(serial >> 8).toString(16).padStart(2, '0').toUpperCase()}-${(serial++ & 255).toString(16).padStart(2, '0').toUpperCase()}` }));
    await bed.publishTimelines(list.map((m) => timeline(m.mpan, m.deviceId, provider)));
    return list;
  }

  /** Reads of yesterday's profile, decided now and due TRT_SECONDS later, as access-control authorises them. */
  async function readOnDemand(list: readonly { mpan: string; deviceId: string }[]): Promise<RequestAuthorised[]> {
    const decidedAt = bed.time.now();
    const requests = list.map((m, i): RequestAuthorised => ({
      requestId: `${MDR_USER.userId}:${m.deviceId}:${i + 1}`, requestMessageId: randomUUID(), userId: MDR_USER.userId, mpid: 'MDRA', role: 'MDR',
      srv: '4.8.1', dataSrv: '4.8.1', mode: 'ON_DEMAND', mpan: m.mpan, deviceId: m.deviceId, days: { from: '2026-11-30', to: '2026-12-01' },
      trt: { seconds: TRT_SECONDS, basis: 'EXISTING_ON_DEMAND', policy: 'EQUAL_EXISTING' },
      decidedAt: decidedAt.toISOString(), dueBy: new Date(decidedAt.getTime() + TRT_SECONDS * 1000).toISOString(), matrixVersion: 'test', registryVersion: 1,
    }));
    await bed.publish(Topics.authorisedRequests, Topics.authorisedRequests.messages[0], requests);
    return requests;
  }

  /** Plays the adapters: every command not answered yet gets complete data, at the time on the clock. */
  const answered = new Set<string>();
  async function answerAll(): Promise<void> {
    for (const { command } of await bed.commands()) {
      if (answered.has(command.commandId)) continue;
      answered.add(command.commandId);
      await bed.answer(command, 'COMPLETE');
    }
    await bed.time.settle();
  }

  const itemsOf = async (mpans: readonly string[]) =>
    (await bed.db.query<{ state: string; late: boolean }>('SELECT state, completed_at > deadline AS late FROM collection_items WHERE mpan = ANY($1)', [mpans])).rows;
  const responses = async () => (await bed.readAll(bed.topicName(Topics.userResponses))).map((m) => JSON.parse(m.value!.toString()) as ServiceResponse);

  it('at 02:00, with the on-demand lane open at night: 300 reads answered without the clock moving; what finds no room is refused at once (E43)', async () => {
    const south = await meters(300, { kind: 'CSP', region: 'SOUTH' });
    const s1sp = await meters(10, { kind: 'S1SP', s1spId: 'S1SP-A' });
    await bed.watchCommands();
    bed.service = await bed.newServiceProcess().start();
    const start = bed.time.now();
    await readOnDemand(south);
    const refusedRequests = await readOnDemand(s1sp);

    await answerAll();
    expect(bed.time.now()).toEqual(start);
    const southItems = await itemsOf(south.map((m) => m.mpan));
    expect(southItems).toHaveLength(300);
    expect(southItems.every((i) => i.state === 'SUCCEEDED' && !i.late)).toBe(true);
    // An S1SP's night share is 6 reads a slot: 6 read at once, 4 refused at once.
    expect((await itemsOf(s1sp.map((m) => m.mpan))).map((i) => i.state).sort()).toEqual([...Array(4).fill('EXPIRED'), ...Array(6).fill('SUCCEEDED')]);
    const refusals = (await responses()).filter((r) => r.responseCode === 'E43');
    expect(refusals).toHaveLength(4);
    for (const refusal of refusals) {
      expect(refusedRequests.map((r) => r.requestId)).toContain(refusal.requestId);
      expect(refusal).toMatchObject({ outcome: 'REFUSED', reason: 'NO_CAPACITY' });
    }
    expect(await bed.service.metric('halfhour_scheduler_refused_no_capacity_total', { provider: 'S1SP-A' })).toBe(4);
  });

  it('at 10:00: 300 reads answered within their TRT, none left to expire', async () => {
    await bed.time.advanceTo(new Date('2026-12-01T10:00:00Z'));
    const north = await meters(300, { kind: 'CSP', region: 'NORTH' });
    await bed.time.settle();
    const start = bed.time.now();
    await readOnDemand(north);

    await answerAll();
    expect(bed.time.now()).toEqual(start);
    const items = await itemsOf(north.map((m) => m.mpan));
    expect(items).toHaveLength(300);
    expect(items.every((i) => i.state === 'SUCCEEDED' && !i.late)).toBe(true);
    expect((await responses()).filter((r) => r.responseCode === 'E42')).toEqual([]);
  });
});
