import { Topics, TransportReason, ValidationReason } from '@halfhour/contracts';
import { MpanOnDay, MpanTimeline } from '@halfhour/domain';
import { DEAD_LETTER_HEADERS } from '@halfhour/kafka';
import { eventually } from '@halfhour/testing';
import { Client } from 'pg';
import { freshMpan, IntakeTestBed, participantDefinition } from '../test/intake-test-bed';
import { RegistrationReason } from './registrations/registration-reason';

const [appointed, amended, terminated, supplier, consent] = Topics.registrations.messages;
const [commissioned, decommissioned] = Topics.deviceInventory.messages;

describe('registration-intake on the real broker and database', () => {
  let bed: IntakeTestBed;
  const mpan = freshMpan('12');
  const microbusiness = freshMpan('15');
  const refused = freshMpan('19');

  beforeAll(async () => {
    bed = await new IntakeTestBed().setUp();
    await bed.service.start();
    await bed.publish(Topics.marketParticipants, participantDefinition, [
      { mpid: 'MDRA', name: 'MDR A', roles: ['MDR'], effectiveFrom: '2025-01-01' },
      { mpid: 'MDRB', name: 'MDR B', roles: ['MDR'], effectiveFrom: '2025-01-01' },
      { mpid: 'SUPA', name: 'Supplier A', roles: ['IS', 'ES'], effectiveFrom: '2025-01-01' },
      { mpid: 'SUPB', name: 'Supplier B', roles: ['IS'], effectiveFrom: '2025-01-01' },
    ]);
    await eventually(async () => expect(await bed.service.metric('halfhour_registration_messages_total', { type: 'css.market-participant-updated' })).toBe(4));
  });

  afterAll(() => bed.tearDown());

  it('builds the timeline from duplicated, out-of-order messages, a Change of Supplier, consent and devices', async () => {
    const [appointmentId] = await bed.publish(Topics.registrations, appointed, [
      { mpan, appointmentId: 'APT-1', mdrMpid: 'MDRA', effectiveFrom: '2026-02-01', sequence: 2 },
    ]);
    await bed.publish(Topics.registrations, supplier, [
      { mpan, registrationId: 'REG-2', supplierMpid: 'SUPB', effectiveFrom: '2026-08-01', sequence: 5 },
      { mpan, registrationId: 'REG-1', supplierMpid: 'SUPA', effectiveFrom: '2026-01-01', sequence: 1 },
    ]);
    // The amendment (sequence 3) arrives after the Change of Supplier (sequence 5), and the appointment again.
    await bed.publish(Topics.registrations, amended, [{ mpan, appointmentId: 'APT-1', mdrMpid: 'MDRA', effectiveFrom: '2026-03-01', sequence: 3 }]);
    await bed.publish(Topics.registrations, appointed, [{ mpan, appointmentId: 'APT-1', mdrMpid: 'MDRA', effectiveFrom: '2026-02-01', sequence: 2 }], [appointmentId]);
    await bed.publish(Topics.registrations, terminated, [{ mpan, appointmentId: 'APT-1', effectiveTo: '2026-07-15', sequence: 4 }]);
    await bed.publish(Topics.registrations, consent, [
      { mpan, status: 'DOMESTIC_OPTED_IN', effectiveFrom: '2026-01-01', sequence: 6 },
      { mpan, status: 'DOMESTIC_OPTED_OUT', effectiveFrom: '2026-06-01', sequence: 7 },
    ]);
    await bed.publish(Topics.deviceInventory, commissioned, [
      { mpan, deviceId: '00-DB-12-34-56-78-90-A0', smetsGeneration: 2, cspRegion: 'SOUTH', direction: 'IMPORT', effectiveFrom: '2025-06-01', sequence: 1 },
    ]);
    await bed.publish(Topics.deviceInventory, decommissioned, [
      { mpan, deviceId: '00-DB-12-34-56-78-90-A0', effectiveFrom: '2026-09-01', sequence: 2 },
    ]);

    const expected: Partial<MpanTimeline> = {
      mdrAppointments: [{ appointmentId: 'APT-1', mdrMpid: 'MDRA', from: '2026-03-01', to: '2026-07-15' }],
      suppliers: [
        { supplierMpid: 'SUPA', registrationId: 'REG-1', from: '2026-01-01', to: '2026-08-01' },
        { supplierMpid: 'SUPB', registrationId: 'REG-2', from: '2026-08-01' },
      ],
      consent: [
        { status: 'DOMESTIC_OPTED_IN', from: '2026-01-01', to: '2026-06-01' },
        { status: 'DOMESTIC_OPTED_OUT', from: '2026-06-01' },
      ],
      devices: [
        { deviceId: '00-DB-12-34-56-78-90-A0', generation: 2, provider: { kind: 'CSP', region: 'SOUTH' }, direction: 'IMPORT', from: '2025-06-01', to: '2026-09-01' },
      ],
    };
    const stored = await eventually(async () => {
      const { status, body } = await bed.service.get<{ version: number; timeline: MpanTimeline }>(`/mpans/${mpan}`);
      expect(status).toBe(200);
      expect(body.timeline).toEqual({ mpan, ...expected });
      return body;
    });

    const may = await bed.service.get<MpanOnDay>(`/mpans/${mpan}/on/2026-05-01`);
    expect(may.body).toMatchObject({ mdr: { mdrMpid: 'MDRA' }, supplier: { supplierMpid: 'SUPA' }, hhPermitted: true, device: { deviceId: '00-DB-12-34-56-78-90-A0' } });
    const july = await bed.service.get<MpanOnDay>(`/mpans/${mpan}/on/2026-07-01`);
    expect(july.body).toMatchObject({ mdr: { mdrMpid: 'MDRA' }, hhConsent: 'DOMESTIC_OPTED_OUT', hhPermitted: false });
    const august = await bed.service.get<MpanOnDay>(`/mpans/${mpan}/on/2026-08-01`);
    expect(august.body.mdr).toBeUndefined();
    expect(august.body.supplier?.supplierMpid).toBe('SUPB');
    const noSuchDay = await bed.service.get<{ reasonCode: string }>(`/mpans/${mpan}/on/2026-02-30`);
    expect(noSuchDay).toMatchObject({ status: 400, body: { reasonCode: 'INVALID_DATE' } });

    // The compacted topic ends with the same timeline at the same version.
    await eventually(async () => {
      const published = await bed.readAll(bed.topicName(Topics.mpanTimelines));
      const latest = published.filter((m) => m.key?.toString() === mpan).map((m) => JSON.parse(m.value!.toString())).sort((a, b) => a.version - b.version).at(-1);
      expect(latest).toMatchObject({ mpan, version: stored.version, ...expected });
    });
    expect(await bed.service.metric('halfhour_registration_messages_total', { type: 'css.mdr-appointed', outcome: 'duplicate' })).toBe(1);
  });

  it('refuses invalid and unauthorised messages with their reason codes, on the DLQ and in metrics', async () => {
    await bed.publish(Topics.registrations, appointed, [
      { mpan: refused, appointmentId: 'APT-X', mdrMpid: 'SUPB', effectiveFrom: '2026-02-01', sequence: 1 },
      { mpan: refused, appointmentId: 'APT-Y', mdrMpid: 'ZZZZ', effectiveFrom: '2026-02-01', sequence: 2 },
    ]);
    const body = (overrides: object) => JSON.stringify({ mpan: refused, appointmentId: 'APT-Z', mdrMpid: 'MDRA', effectiveFrom: '2026-02-01', sequence: 3, ...overrides });
    await bed.publishRaw(Topics.registrations, 'css.mdr-appointed', '1200001234567', body({ mpan: '1200001234567' }));
    await bed.publishRaw(Topics.registrations, 'css.mdr-appointed', refused, body({ effectiveTo: '2026-01-01' }));
    await bed.publishRaw(Topics.registrations, 'css.mdr-appointed', refused, '{"mpan":');
    await bed.publishRaw(Topics.deviceInventory, 'dcc.device-commissioned', refused,
      JSON.stringify({ mpan: refused, deviceId: 'not-a-device', smetsGeneration: 2, cspRegion: 'NORTH', direction: 'IMPORT', effectiveFrom: '2026-01-01', sequence: 1 }));
    await bed.publishRaw(Topics.deviceInventory, 'dcc.device-commissioned', refused,
      JSON.stringify({ mpan: refused, deviceId: '00-DB-12-34-56-78-90-A1', smetsGeneration: 1, direction: 'IMPORT', effectiveFrom: '2026-01-01', sequence: 2 }));

    const registrationLetters = await bed.read(`${bed.topicName(Topics.registrations)}.dlq`, 5);
    const deviceLetters = await bed.read(`${bed.topicName(Topics.deviceInventory)}.dlq`, 2);
    const reasons = [...registrationLetters, ...deviceLetters].map((m) => m.headers?.[DEAD_LETTER_HEADERS.reasonCode]?.toString()).sort();
    expect(reasons).toEqual([
      RegistrationReason.MpidLacksRole,
      RegistrationReason.UnknownMpid,
      ValidationReason.DatesOutOfOrder,
      ValidationReason.InvalidDeviceId,
      ValidationReason.InvalidMpan,
      TransportReason.MalformedJson,
      TransportReason.SchemaViolation,
    ].sort());
    expect((await bed.service.get(`/mpans/${refused}`)).status).toBe(404);
    expect(await bed.service.metric('halfhour_registration_messages_total', { outcome: 'rejected' })).toBe(2);
    expect(await bed.service.metric('halfhour_consumer_dead_letters_total', { reason: ValidationReason.InvalidMpan })).toBe(1);
  });

  it('reports registry sizes for today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await bed.publish(Topics.registrations, appointed, [{ mpan: microbusiness, appointmentId: 'APT-M', mdrMpid: 'MDRB', effectiveFrom: '2026-01-01', sequence: 1 }]);
    await bed.publish(Topics.registrations, consent, [{ mpan: microbusiness, status: 'MICROBUSINESS', effectiveFrom: '2026-01-01', sequence: 2 }]);
    await bed.publish(Topics.deviceInventory, commissioned, [
      { mpan: microbusiness, deviceId: '00-DB-12-34-56-78-90-B0', smetsGeneration: 1, s1spId: 'S1SP-A', direction: 'IMPORT', effectiveFrom: '2025-01-01', sequence: 3 },
    ]);
    expect(today >= '2026-01-01').toBe(true);
    await eventually(async () => {
      expect(await bed.service.metric('halfhour_registry_appointed_mpans')).toBe(1);
      expect(await bed.service.metric('halfhour_registry_hh_permitted_mpans')).toBe(1);
      expect(await bed.service.metric('halfhour_registry_devices', { generation: 'SMETS1', provider: 'S1SP-A' })).toBe(1);
      expect(await bed.service.metric('halfhour_registry_mpans')).toBe(2);
    });
  });

  it('gathers the registry planner statistics as it grows, whether or not autovacuum runs', async () => {
    const analysedEvents = async () => {
      const db = new Client({ connectionString: bed.database.url });
      await db.connect();
      try {
        const { rows: [row] } = await db.query<{ analysed: boolean; estimated: number }>(
          `SELECT s.last_analyze IS NOT NULL AS analysed, c.reltuples::int AS estimated
           FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'registration_events'`);
        return row;
      } finally {
        await db.end();
      }
    };
    const before = Number(await bed.service.metric('halfhour_registration_messages_total', { outcome: 'applied' }));
    const mpans = Array.from({ length: 1_200 }, () => freshMpan('21'));
    await bed.publish(Topics.registrations, consent, mpans.map((m) => ({ mpan: m, status: 'DOMESTIC_OPTED_IN', effectiveFrom: '2026-01-01', sequence: 1 })));
    await eventually(async () => expect(await bed.service.metric('halfhour_registration_messages_total', { outcome: 'applied' })).toBe(before + 1_200));
    await eventually(async () => {
      const stats = await analysedEvents();
      expect(stats.analysed).toBe(true);
      expect(stats.estimated).toBeGreaterThanOrEqual(1_200);
    });
  });
});
