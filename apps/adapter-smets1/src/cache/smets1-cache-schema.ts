import { COMMAND_RECORD_MIGRATIONS } from '@halfhour/device-adapter';
import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { CreateSmets1Cache1764600000000 } from './migrations/1764600000000-create-smets1-cache';
import { Smets1CacheByDay1764900000000 } from './migrations/1764900000000-smets1-cache-by-day';
import { Smets1CacheByDataDay1766800000000 } from './migrations/1766800000000-smets1-cache-by-data-day';

/**
 * Every adapter's tables and the SMETS1 cache's, migrations in the order they were written. The
 * cache has no entity: TypeORM does not model partitioned tables (its migrations make it).
 */
export const SMETS1_CACHE_ENTITIES = [...SHARED_ENTITIES];
export const SMETS1_CACHE_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, CreateSmets1Cache1764600000000, Smets1CacheByDay1764900000000, ...COMMAND_RECORD_MIGRATIONS, Smets1CacheByDataDay1766800000000]);
