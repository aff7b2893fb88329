import { migrationRoundTrip } from '@halfhour/service-testing';
import { SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS } from './scheduler-schema';

describe('scheduler schema', () => {
  it('migrates an empty database to exactly what the entities describe, and back down to nothing', async () => {
    const roundTrip = await migrationRoundTrip(SCHEDULER_ENTITIES, SCHEDULER_MIGRATIONS);
    expect(roundTrip).toEqual({ applied: SCHEDULER_MIGRATIONS.map((m) => m.name), pendingAfterUp: [], tablesAfterDown: [] });
  });
});
