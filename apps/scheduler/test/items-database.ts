import { createDataSource, runMigrations } from '@halfhour/persistence';
import { createTestDatabase } from '@halfhour/testing';
import { DataSource } from 'typeorm';
import { ItemRepository } from '../src/items/item-repository';
import { ItemRow } from '../src/items/item-row';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from '../src/persistence/scheduler-schema';
import { MDR_USER } from './fixtures';

export interface ItemsDatabase {
  dataSource: DataSource;
  items: ItemRepository;
  drop(): Promise<void>;
}

/** A database of its own with the scheduler's schema and `day`'s item partition. */
export async function itemsDatabase(day: string, applicationName: string): Promise<ItemsDatabase> {
  const database = await createTestDatabase();
  const dataSource = createDataSource({ url: database.url, applicationName, entities: SCHEDULER_ENTITIES, migrations: SCHEDULER_MIGRATIONS, poolSize: 4 });
  await dataSource.initialize();
  await runMigrations(dataSource);
  const items = new ItemRepository(dataSource);
  await items.ensurePartition(day);
  return {
    dataSource, items, drop: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

/** A planned scheduled read of `mpan` on plan day `day` (data day the day before), for the MDR's schedule. */
export function plannedItem(day: string, mpan: string, over: Partial<ItemRow> = {}): ItemRow {
  return {
    planDay: day, itemKey: `${mpan}|4.8.1|2026-12-05`, mpan, deviceId: '00-00-00-00-00-00-10-01', provider: 'CSP-SOUTH', srv: '4.8.1', dataDay: '2026-12-05',
    kind: 'SCHEDULED', state: 'PLANNED', slotStart: new Date(`${day}T08:00:00Z`), earliest: new Date(`${day}T01:00:00Z`), deadline: new Date(`${day}T23:00:00Z`), attempt: 0,
    requesters: [{ ...MDR_USER, origin: 'schedule-1', requestId: `${MDR_USER.userId}:00-00-00-00-00-00-00-01:1` }], ...over,
  };
}
