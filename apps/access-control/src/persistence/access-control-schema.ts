import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { RegistryViewEntity } from '@halfhour/registry-view';
import { AccessDecisionEntity } from './access-decision.entity';
import { DccUserEntity } from './dcc-user.entity';
import { CreateAccessControl1764400000000 } from './migrations/1764400000000-create-access-control';
import { DecisionRelationship1766000000000 } from './migrations/1766000000000-decision-relationship';
import { UserCounterEntity } from './user-counter.entity';

export const ACCESS_CONTROL_ENTITIES = [...SHARED_ENTITIES, RegistryViewEntity, DccUserEntity, UserCounterEntity, AccessDecisionEntity];
export const ACCESS_CONTROL_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, CreateAccessControl1764400000000, DecisionRelationship1766000000000]);
