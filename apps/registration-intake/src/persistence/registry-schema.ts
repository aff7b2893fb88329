import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { MarketParticipantEntity } from './market-participant.entity';
import { CreateRegistry1764310000000 } from './migrations/1764310000000-create-registry';
import { AddRelayLease1764320000000 } from './migrations/1764320000000-add-relay-lease';
import { MpanTimelineEntity } from './mpan-timeline.entity';
import { RegistrationEventEntity } from './registration-event.entity';

export const REGISTRY_ENTITIES = [...SHARED_ENTITIES, MarketParticipantEntity, RegistrationEventEntity, MpanTimelineEntity];
export const REGISTRY_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, CreateRegistry1764310000000, AddRelayLease1764320000000]);
