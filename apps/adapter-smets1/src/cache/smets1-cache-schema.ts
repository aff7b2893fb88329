import { COMMAND_RECORD_MIGRATIONS } from '@halfhour/device-adapter';
import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { CachedDayEntity } from './cached-day.entity';
import { CreateSmets1Cache1764600000000 } from './migrations/1764600000000-create-smets1-cache';
import { Smets1CacheByDay1764900000000 } from './migrations/1764900000000-smets1-cache-by-day';

/** Every adapter's tables and the SMETS1 cache's, migrations in the order they were written. */
export const SMETS1_CACHE_ENTITIES = [...SHARED_ENTITIES, CachedDayEntity];
export const SMETS1_CACHE_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, CreateSmets1Cache1764600000000, Smets1CacheByDay1764900000000, ...COMMAND_RECORD_MIGRATIONS]);
