import { dipMessageFor, DipSettings, RetrievedDay, settlementPeriodStarts, storedDipDayOf } from '@halfhour/domain';
import { createDataSource, RetentionSweeper, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { DipForwarderConfig } from '../dip-forwarder.config';
import { DIP_FORWARDER_ENTITIES, DIP_FORWARDER_MIGRATIONS } from '../persistence/dip-forwarder-schema';
import { dipForwarderRetention } from '../persistence/dip-forwarder-retention';
import { DipOutboxReadings1766300000000 } from '../persistence/migrations/1766300000000-dip-outbox-readings';
import { OutboxRepository } from './outbox-repository';
import { Redelivery } from './redelivery';

const SETTINGS: DipSettings = { interfaceId: 'HH-RETRIEVED', schemaVersion: '1.0', eventCode: 'HHD', senderDipId: 'DCC01', senderRole: 'DCC', recipients: ['ELEXON'] };

/** kWh a double holds but a float4 or a short decimal would not, and the edges of what a meter may say. */
const AWKWARD_KWH = [0.1 + 0.2, 1 / 3, 123456.789012345, 5e-324, 1.7976931348623157e308, -0, 0, 2.5];

function retrieved(mpan: string, settlementDate: string, partial = false): RetrievedDay {
  const starts = settlementPeriodStarts(settlementDate).slice(partial ? 3 : 0, partial ? 9 : undefined);
  return {
    itemKey: `${mpan}|4.8.1|${settlementDate}`, mpan, srv: '4.8.1', settlementDate,
    periods: starts.map((start, i) => (i % 7 === 4 ? { start: start.toISOString(), quality: 'MISSING' as const } : { start: start.toISOString(), quality: 'ACTUAL' as const, kwh: AWKWARD_KWH[i % AWKWARD_KWH.length] })),
    registers: [{ register: '1.8.0', kwh: 1 / 7, readAt: `${settlementDate}T23:59:59Z` }],
  };
}

describe('the DIP outbox', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('dip_outbox');
    dataSource = await createDataSource({ url: database.url, applicationName: 'dip-outbox-spec', entities: DIP_FORWARDER_ENTITIES, migrations: DIP_FORWARDER_MIGRATIONS }).initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('sends, from the readings it stores, the very bytes of the message the data made: winter, summer, both clock-change days, a partial day', async () => {
    const outbox = new OutboxRepository(dataSource, SETTINGS);
    const stampedAt = new Date('2026-10-26T07:31:02.123Z');
    const days = [['1400000000018', '2026-01-14'], ['1400000000029', '2026-07-01'], ['1400000000030', '2026-03-29'], ['1400000000041', '2026-10-25'], ['1400000000052', '2026-10-25', true]] as const;
    const queued = days.map(([mpan, date, partial]) => ({ day: retrieved(mpan, date, partial), reference: `${mpan}|4.8.1|${date}#0123456789abcdef` }));
    // A meter's usual day: every half hour a whole Wh, kept as 4-byte integers.
    const inWh = retrieved('1400000000085', '2026-10-25');
    inWh.periods = inWh.periods.map((p, i) => (p.kwh === undefined ? p : { ...p, kwh: [0.123, 1.5, 0, 2147483.647][i % 4] }));
    queued.push({ day: inWh, reference: `${inWh.itemKey}#0123456789abcdef` });
    await outbox.preparePartitions(queued.map(({ day }) => day.settlementDate));
    await dataSource.transaction((manager) => outbox.enqueue(manager, queued.map(({ day, reference }) => ({ reference, stored: storedDipDayOf(day, stampedAt) }))));

    const leased = await outbox.leasePending(10, 60);
    expect(leased.map((row) => row.reference).sort()).toEqual(queued.map((q) => q.reference).sort());
    for (const { day, reference } of queued) {
      const sent = leased.find((row) => row.reference === reference)!.message;
      expect(JSON.stringify(sent)).toBe(JSON.stringify(dipMessageFor(SETTINGS, day, reference, stampedAt)));
    }
    const sizes = await dataSource.query(`SELECT mpan, pg_column_size(o.*)::int AS bytes FROM dip_outbox o WHERE settlement_date = '2026-10-25' ORDER BY mpan`);
    // A whole 50-period day in a fraction of the 4.2 KB its message took as jsonb; in whole Wh, a fifth.
    const bytesOf = (mpan: string) => sizes.find((s: { mpan: string }) => s.mpan === mpan).bytes;
    expect(bytesOf('1400000000041')).toBeLessThan(1_000);
    expect(bytesOf('1400000000085')).toBeLessThan(bytesOf('1400000000041') - 150);
  });

  it('converts the messages queued before it stored readings, so each is sent as it would have been', async () => {
    const upgrade = await createTestDatabase('dip_outbox_upgrade');
    const before = DIP_FORWARDER_MIGRATIONS.slice(0, DIP_FORWARDER_MIGRATIONS.findIndex((m) => m.name === DipOutboxReadings1766300000000.name));
    const old = await createDataSource({ url: upgrade.url, applicationName: 'dip-outbox-upgrade', entities: [], migrations: before }).initialize();
    const stampedAt = new Date('2026-03-30T06:00:00.000Z');
    const queued = [retrieved('1400000000018', '2026-03-29'), retrieved('1400000000029', '2026-10-25', true)].map((day) => ({ day, reference: `${day.itemKey}#fedcba9876543210` }));
    try {
      await runMigrations(old);
      for (const { day, reference } of queued) {
        await old.query(`INSERT INTO dip_outbox (reference, item_key, mpan, message, state) VALUES ($1, $2, $3, $4, 'PENDING')`,
          [reference, day.itemKey, day.mpan, JSON.stringify(dipMessageFor(SETTINGS, day, reference, stampedAt))]);
      }
    } finally {
      await old.destroy();
    }
    const upgraded = await createDataSource({ url: upgrade.url, applicationName: 'dip-outbox-upgrade', entities: DIP_FORWARDER_ENTITIES, migrations: DIP_FORWARDER_MIGRATIONS }).initialize();
    try {
      await runMigrations(upgraded);
      const leased = await new OutboxRepository(upgraded, SETTINGS).leasePending(10, 60);
      for (const { day, reference } of queued) {
        expect(JSON.stringify(leased.find((row) => row.reference === reference)?.message)).toBe(JSON.stringify(dipMessageFor(SETTINGS, day, reference, stampedAt)));
      }
    } finally {
      await upgraded.destroy();
      await upgrade.drop();
    }
  });

  it('lets retention drop a settlement day whole once it is delivered and past the retention, never one with an MPAN-day pending', async () => {
    const now = new Date('2026-12-20T12:00:00Z');
    const outbox = new OutboxRepository(dataSource, SETTINGS, { now: () => new Date('2026-12-02T12:00:00Z') });
    const days = [retrieved('1400000000063', '2026-12-01'), retrieved('1400000000074', '2026-12-02')];
    await outbox.preparePartitions(days.map((d) => d.settlementDate));
    await dataSource.transaction((manager) => outbox.enqueue(manager, days.map((day) => ({ reference: `${day.itemKey}#aa`, stored: storedDipDayOf(day, now) }))));
    const [delivered] = (await outbox.leasePending(10, 60)).filter((row) => row.settlementDate === '2026-12-01');
    await outbox.record([{ rows: [delivered], outcome: { kind: 'ACCEPTED', transactionId: 'T-1' } }]);
    await dataSource.query(`UPDATE dip_outbox SET leased_until = NULL`);

    const retention = dipForwarderRetention(Object.assign(new DipForwarderConfig(), { DIP_RETENTION_DAYS: 7 }));
    const outcome = await new RetentionSweeper(dataSource, retention.rules, retention.partitionRules, { now: () => now }).sweep();
    expect(outcome.droppedPartitions.dip_outbox).toEqual(['dip_outbox_p20261201']);
    expect(outcome.keptInFlight.dip_outbox).toContain('dip_outbox_p20261202');
    expect((await dataSource.query(`SELECT settlement_date::text AS day, state FROM dip_outbox WHERE mpan = ANY($1)`, [days.map((d) => d.mpan)]))).toEqual([{ day: '2026-12-02', state: 'PENDING' }]);
  });

  it('re-queues a delivered day a chunk at a time, audited with the rows it matched, the other days untouched', async () => {
    const outbox = new OutboxRepository(dataSource, SETTINGS);
    const now = new Date('2026-12-10T12:00:00Z');
    const day = '2026-12-08';
    const mpans = ['1400000000096', '1400000000100', '1400000000111', '1400000000122', '1400000000133'];
    const days = [...mpans.map((mpan) => retrieved(mpan, day)), retrieved('1400000000144', '2026-12-09')];
    await outbox.preparePartitions([day, '2026-12-09']);
    await dataSource.transaction((manager) => outbox.enqueue(manager, days.map((d) => ({ reference: `${d.itemKey}#bb`, stored: storedDipDayOf(d, now) }))));
    const leased = (await outbox.leasePending(1000, 60)).filter((row) => row.reference.endsWith('#bb'));
    await outbox.record([{ rows: leased, outcome: { kind: 'ACCEPTED', transactionId: 'T-2' } }]);
    const states = async () => dataSource.query(`SELECT settlement_date::text AS day, state, count(*)::int AS n FROM dip_outbox WHERE reference LIKE '%#bb' GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(await states()).toEqual([{ day, state: 'DELIVERED', n: 5 }, { day: '2026-12-09', state: 'DELIVERED', n: 1 }]);

    const audited = await new Redelivery(dataSource, 2).redeliverDay(day, { requestedBy: 'ops', reason: 'DIP lost them' }, now);
    expect(audited).toMatchObject({ action: 'REDELIVER_DAY', affected: 5 });
    expect(await states()).toEqual([{ day, state: 'PENDING', n: 5 }, { day: '2026-12-09', state: 'DELIVERED', n: 1 }]);
    expect(await new Redelivery(dataSource, 2).redeliverDay(day, { requestedBy: 'ops', reason: 'again' }, now)).toMatchObject({ affected: 0 });
  });

  it('keeps a lease left by a relay that died until the service’s clock passes it, however much or little real time goes by', async () => {
    let now = new Date('2026-12-09T14:00:00Z');
    const outbox = new OutboxRepository(dataSource, SETTINGS, { now: () => now });
    const day = retrieved('1400000000155', '2026-12-08');
    await outbox.preparePartitions([day.settlementDate]);
    await dataSource.transaction((manager) => outbox.enqueue(manager, [{ reference: `${day.itemKey}#cc`, stored: storedDipDayOf(day, now) }]));
    const mine = async () => (await outbox.leasePending(1000, 30)).filter((row) => row.reference.endsWith('#cc'));

    expect(await mine()).toHaveLength(1);
    now = new Date('2026-12-09T14:00:29Z');
    expect(await mine()).toEqual([]);
    now = new Date('2026-12-09T14:00:31Z');
    expect((await mine()).map((row) => row.mpan)).toEqual([day.mpan]);
  });
});
