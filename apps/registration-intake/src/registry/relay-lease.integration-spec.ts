import { MpanTimeline } from '@halfhour/domain';
import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase, TestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from '../persistence/registry-schema';
import { RegistryRepository } from './registry.repository';

const MPAN = '1000000000001';
const timeline: MpanTimeline = { mpan: MPAN, suppliers: [], mdrAppointments: [], consent: [], devices: [] };

/**
 * A relay that dies holding a lease on unpublished timelines keeps them from the other replicas
 * until the lease runs out on the service's clock, the one every replica reads: in a simulation,
 * the clock the run moves, so a lease never outlasts the day it was taken in.
 */
describe('the timeline relay’s lease', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('relay_lease');
    dataSource = createDataSource({ url: database.url, applicationName: 'relay-lease-spec', entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS });
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('holds until the service’s clock passes it, however much or little real time goes by', async () => {
    let now = new Date('2026-12-09T14:00:00Z');
    const registry = new RegistryRepository(dataSource, { now: () => now });
    await registry.transaction((m) => registry.saveTimelines(m, [{ timeline, version: 1 }]));

    expect((await registry.leaseUnpublished(10, 30)).map((row) => row.mpan)).toEqual([MPAN]);
    now = new Date('2026-12-09T14:00:29Z');
    expect(await registry.leaseUnpublished(10, 30)).toEqual([]);
    now = new Date('2026-12-09T14:00:31Z');
    expect((await registry.leaseUnpublished(10, 30)).map((row) => row.mpan)).toEqual([MPAN]);
  });
});
