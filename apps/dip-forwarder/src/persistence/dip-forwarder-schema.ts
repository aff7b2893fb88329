import { inMigrationOrder, SHARED_ENTITIES, SHARED_MIGRATIONS } from '@halfhour/persistence';
import { CreateDipOutbox1764700000000 } from './migrations/1764700000000-create-dip-outbox';
import { CreateDipAnswers1764800000000 } from './migrations/1764800000000-create-dip-answers';
import { DipAnswersOutbox1765000000000 } from './migrations/1765000000000-dip-answers-outbox';
import { DipOutboxLease1765300000000 } from './migrations/1765300000000-dip-outbox-lease';
import { DipRetentionIndexes1765800000000 } from './migrations/1765800000000-dip-retention-indexes';
import { DropDipAnswers1765900000000 } from './migrations/1765900000000-drop-dip-answers';
import { DipOutboxReadings1766300000000 } from './migrations/1766300000000-dip-outbox-readings';
import { DipOutboxByDay1766400000000 } from './migrations/1766400000000-dip-outbox-by-day';
import { DipOutboxLeaner1766600000000 } from './migrations/1766600000000-dip-outbox-leaner';

// The DIP outbox has no entity: TypeORM does not model partitioned tables (its migrations make it).
export const DIP_FORWARDER_ENTITIES = [...SHARED_ENTITIES];
export const DIP_FORWARDER_MIGRATIONS = inMigrationOrder([...SHARED_MIGRATIONS, CreateDipOutbox1764700000000, CreateDipAnswers1764800000000, DipAnswersOutbox1765000000000, DipOutboxLease1765300000000,
  DipRetentionIndexes1765800000000, DropDipAnswers1765900000000, DipOutboxReadings1766300000000, DipOutboxByDay1766400000000, DipOutboxLeaner1766600000000]);
