import { Topics } from '@halfhour/contracts';
import { eventually } from '@halfhour/testing';
import { Client } from 'pg';
import { freshMpan, IntakeTestBed, participantDefinition } from '../test/intake-test-bed';

const [, , , supplier, consent] = Topics.registrations.messages;
const MPANS = 3000;

describe('registration-intake while its database is away', () => {
  let bed: IntakeTestBed;

  beforeAll(async () => {
    bed = await new IntakeTestBed().setUp();
  });

  afterAll(async () => {
    await bed.database.restore();
    await bed.tearDown();
  });

  it('waits for PostgreSQL to come back and then handles every message: nothing dead-lettered, nothing lost', async () => {
    await bed.publish(Topics.marketParticipants, participantDefinition, [{ mpid: 'SUPA', name: 'Supplier A', roles: ['IS'], effectiveFrom: '2025-01-01' }]);
    const mpans = Array.from({ length: MPANS }, () => freshMpan('15'));
    // Small batches, so the outage comes while most of the stream is still to be handled.
    bed.service = await bed.newServiceProcess({ MAX_BATCH_SIZE: '50' }).start();
    await bed.publish(Topics.registrations, supplier, mpans.map((mpan, i) => ({ mpan, registrationId: `R-${i}`, supplierMpid: 'SUPA', effectiveFrom: '2026-01-01', sequence: 1 })));
    const db = new Client({ connectionString: bed.database.url });
    await db.connect();
    const stored = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM registration_events')).rows[0].n;
    await eventually(async () => expect(await stored()).toBeGreaterThan(0), 60_000, 10);
    await db.end();

    expect(await bed.database.cutOff()).toBeGreaterThan(0);
    // More arrives while the database is away; the consumer keeps trying the batches in hand (one
    // per partition, three at once) for as long as the outage lasts. Fifteen retries is well past
    // the point where an unexpected error would have split a batch and dead-lettered its messages.
    await bed.publish(Topics.registrations, consent, mpans.map((mpan) => ({ mpan, status: 'DOMESTIC_OPTED_IN', effectiveFrom: '2026-01-01', sequence: 2 })));
    const retries = () => bed.service.metric('halfhour_consumer_batch_retries_total', { topic: bed.topicName(Topics.registrations) });
    await eventually(async () => expect(await retries()).toBeGreaterThanOrEqual(15), 60_000, 100);
    await bed.database.restore();

    const after = new Client({ connectionString: bed.database.url });
    await after.connect();
    try {
      await eventually(async () => {
        expect((await after.query<{ n: number }>('SELECT count(*)::int AS n FROM registration_events')).rows[0].n).toBe(2 * MPANS);
      }, 120_000, 200);
    } finally {
      await after.end();
    }
    expect(await bed.service.metric('halfhour_consumer_dead_letters_total')).toBe(0);
    expect(bed.service.isRunning).toBe(true);
  });
});
