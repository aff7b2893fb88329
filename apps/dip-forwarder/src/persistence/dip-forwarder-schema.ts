import { SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { DipOutboxEntity } from './dip-outbox.entity';
import { CreateDipOutbox1764700000000 } from './migrations/1764700000000-create-dip-outbox';

export const DIP_FORWARDER_ENTITIES = [...SHARED_ENTITIES, DipOutboxEntity];
export const DIP_FORWARDER_MIGRATIONS = [...SHARED_MIGRATIONS, CreateDipOutbox1764700000000];
