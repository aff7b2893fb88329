import { SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { CachedReadingEntity } from './cached-reading.entity';
import { CreateSmets1Cache1764600000000 } from './migrations/1764600000000-create-smets1-cache';

export const SMETS1_CACHE_ENTITIES = [...SHARED_ENTITIES, CachedReadingEntity];
export const SMETS1_CACHE_MIGRATIONS = [...SHARED_MIGRATIONS, CreateSmets1Cache1764600000000];
