import { migrationRoundTrip } from '@halfhour/service-testing';
import { ACCESS_CONTROL_ENTITIES, ACCESS_CONTROL_MIGRATIONS } from './access-control-schema';

describe('access-control schema', () => {
  it('migrates an empty database to exactly what the entities describe, and back down to nothing', async () => {
    const roundTrip = await migrationRoundTrip(ACCESS_CONTROL_ENTITIES, ACCESS_CONTROL_MIGRATIONS);
    expect(roundTrip).toEqual({ applied: ACCESS_CONTROL_MIGRATIONS.map((m) => m.name), pendingAfterUp: [], tablesAfterDown: [] });
  });
});
