import { InboxMessage } from './inbox/inbox-message.entity';
import { CreateInboxMessages1764300000000 } from './migrations/1764300000000-create-inbox-messages';
import { CreateOperatorActions1765700000000 } from './migrations/1765700000000-create-operator-actions';
import { OperatorActionEntity } from './operator-actions/operator-action.entity';

/** Tables every service with a database has; a service adds its own entities and migrations. */
export const SHARED_ENTITIES = [InboxMessage, OperatorActionEntity];
export const SHARED_MIGRATIONS = [CreateInboxMessages1764300000000, CreateOperatorActions1765700000000];
