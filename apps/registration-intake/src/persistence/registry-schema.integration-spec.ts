import { createDataSource, pendingSchemaChanges, runMigrations } from '@halfhour/persistence';
import { createTestDatabase } from '@halfhour/testing';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from './registry-schema';

describe('registration-intake schema', () => {
  it('migrates an empty database to exactly what the entities describe, and back down to nothing', async () => {
    const database = await createTestDatabase('hh_registry_schema');
    const dataSource = await createDataSource({
      url: database.url, applicationName: 'schema-test', entities: REGISTRY_ENTITIES, migrations: REGISTRY_MIGRATIONS,
    }).initialize();
    try {
      expect(await runMigrations(dataSource)).toEqual(REGISTRY_MIGRATIONS.map((m) => m.name));
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      for (let i = 0; i < REGISTRY_MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables = await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`);
      expect(tables).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
