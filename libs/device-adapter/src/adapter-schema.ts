import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { CreateReadCommandRecord1765100000000 } from './command-record/migrations/1765100000000-create-read-command-record';
import { ReadCommandRecordEntity } from './command-record/read-command-record.entity';

export const COMMAND_RECORD_ENTITIES = [ReadCommandRecordEntity];
export const COMMAND_RECORD_MIGRATIONS = [CreateReadCommandRecord1765100000000];

/** The tables every device adapter has; SMETS1 adds its cache's. */
export const ADAPTER_ENTITIES = [...SHARED_ENTITIES, ...COMMAND_RECORD_ENTITIES];
export const ADAPTER_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, ...COMMAND_RECORD_MIGRATIONS]);
