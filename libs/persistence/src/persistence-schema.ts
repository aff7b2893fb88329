import { CreateInboxMessages1764300000000 } from './migrations/1764300000000-create-inbox-messages';
import { CreateOperatorActions1765700000000 } from './migrations/1765700000000-create-operator-actions';
import { CompactInbox1766500000000 } from './migrations/1766500000000-compact-inbox';
import { OperatorActionEntity } from './operator-actions/operator-action.entity';

/**
 * Tables every service with a database has; a service adds its own entities and migrations. The
 * inbox (`inbox_messages`, `inbox_consumer_groups`) is written in SQL only (claim-new-messages.ts):
 * its migrations are its schema.
 */
export const SHARED_ENTITIES = [OperatorActionEntity];
export const SHARED_MIGRATIONS = [CreateInboxMessages1764300000000, CreateOperatorActions1765700000000, CompactInbox1766500000000];
