import { Topics } from '@halfhour/contracts';
import { buildMpanTimeline, RegistrationEvent } from '@halfhour/domain';
import { eventually } from '@halfhour/testing';
import { Client } from 'pg';
import { freshMpan, IntakeTestBed, participantDefinition } from '../test/intake-test-bed';
import { toRegistrationEvent } from './registrations/registration-event.mapper';
import { plainToInstance } from 'class-transformer';

const [appointed, , , supplier, consent] = Topics.registrations.messages;
const MPANS = 5000;

describe('registration-intake killed mid-stream', () => {
  let bed: IntakeTestBed;
  let db: Client;

  beforeAll(async () => {
    bed = await new IntakeTestBed().setUp();
    db = new Client({ connectionString: bed.database.url });
  });

  afterAll(async () => {
    await db.end();
    await bed.tearDown();
  });

  it('loses nothing and applies nothing twice after SIGKILL and a restart', async () => {
    // Standing data and registrations are all waiting when the service starts: registrations must
    // wait for the participants topic to be read, not be refused as naming unknown MPIDs.
    await bed.publish(Topics.marketParticipants, participantDefinition, [
      { mpid: 'MDRA', name: 'MDR A', roles: ['MDR'], effectiveFrom: '2025-01-01' },
      { mpid: 'SUPA', name: 'Supplier A', roles: ['IS'], effectiveFrom: '2025-01-01' },
    ]);
    const mpans = Array.from({ length: MPANS }, () => freshMpan('14'));
    const sent: RegistrationEvent[] = [];
    const send = async (definition: typeof appointed, bodies: object[]) => {
      const ids = await bed.publish(Topics.registrations, definition, bodies as never[]);
      ids.forEach((id, i) => sent.push(toRegistrationEvent(id, plainToInstance(definition.messageClass, bodies[i]) as never)));
      return ids;
    };
    await send(supplier, mpans.map((mpan, i) => ({ mpan, registrationId: `R-${i}`, supplierMpid: 'SUPA', effectiveFrom: '2026-01-01', sequence: 1 })));
    const appointmentIds = await send(appointed, mpans.map((mpan, i) => ({ mpan, appointmentId: `A-${i}`, mdrMpid: 'MDRA', effectiveFrom: '2026-02-01', sequence: 2 })));
    await send(consent, mpans.map((mpan) => ({ mpan, status: 'DOMESTIC_OPTED_IN', effectiveFrom: '2026-01-01', sequence: 3 })));
    // Redelivered duplicates: same message IDs.
    await bed.publish(Topics.registrations, appointed, mpans.slice(0, 1000).map((mpan, i) => ({ mpan, appointmentId: `A-${i}`, mdrMpid: 'MDRA', effectiveFrom: '2026-02-01', sequence: 2 })), appointmentIds.slice(0, 1000));

    // The first process takes at most four batches of 500 and then hangs, so the kill comes mid-stream for certain.
    const first = await bed.newServiceProcess({ MAX_BATCH_SIZE: '500', FAULT_HOLD_AFTER_BATCHES: '4' }).start();
    await db.connect();
    const eventCount = async () => (await db.query('SELECT count(*)::int AS n FROM registration_events')).rows[0].n as number;
    await eventually(async () => expect(await eventCount()).toBeGreaterThan(0), 60_000, 20);
    await first.stop('SIGKILL');

    expect(await eventCount()).toBeLessThan(sent.length);
    expect(await eventCount()).toBeGreaterThan(0);

    bed.service = await bed.newServiceProcess().start();
    await eventually(async () => {
      expect(await eventCount()).toBe(sent.length);
      expect(await bed.service.metric('halfhour_registry_unpublished_timelines')).toBe(0);
    }, 120_000, 200);

    const { rows } = await db.query<{ mpan: string; timeline: unknown; version: number }>('SELECT mpan, timeline, version FROM mpan_timelines');
    expect(rows).toHaveLength(MPANS);
    const byMpan = new Map<string, RegistrationEvent[]>();
    for (const event of sent) byMpan.set(event.mpan, [...(byMpan.get(event.mpan) ?? []), event]);
    for (const row of rows) {
      expect(row.timeline).toEqual(JSON.parse(JSON.stringify(buildMpanTimeline(row.mpan, byMpan.get(row.mpan)!))));
    }
    // The relay lost no committed change across the crash: the topic ends at each MPAN's stored version.
    const versions = new Map(rows.map((row) => [row.mpan, row.version]));
    const published = await bed.readAll(bed.topicName(Topics.mpanTimelines));
    const latest = new Map<string, number>();
    for (const message of published) {
      const { mpan, version } = JSON.parse(message.value!.toString());
      latest.set(mpan, Math.max(version, latest.get(mpan) ?? 0));
    }
    expect(latest).toEqual(versions);
  });
});
