import { migrationRoundTrip } from '@halfhour/service-testing';
import { REGISTRY_ENTITIES, REGISTRY_MIGRATIONS } from './registry-schema';

describe('registration-intake schema', () => {
  it('migrates an empty database to exactly what the entities describe, and back down to nothing', async () => {
    const roundTrip = await migrationRoundTrip(REGISTRY_ENTITIES, REGISTRY_MIGRATIONS);
    expect(roundTrip).toEqual({ applied: REGISTRY_MIGRATIONS.map((m) => m.name), pendingAfterUp: [], tablesAfterDown: [] });
  });
});
