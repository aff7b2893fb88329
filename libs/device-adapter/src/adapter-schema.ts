import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { CreateReadCommandRecord1765100000000 } from './command-record/migrations/1765100000000-create-read-command-record';
import { CommandRecordByPlanDay1766700000000 } from './command-record/migrations/1766700000000-command-record-by-plan-day';

/** The command record has no entity: TypeORM does not model partitioned tables (its migrations make it). */
export const COMMAND_RECORD_MIGRATIONS = [CreateReadCommandRecord1765100000000, CommandRecordByPlanDay1766700000000];

/** The tables every device adapter has; SMETS1 adds its cache's. */
export const ADAPTER_ENTITIES = [...SHARED_ENTITIES];
export const ADAPTER_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, ...COMMAND_RECORD_MIGRATIONS]);
