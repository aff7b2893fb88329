import { InboxMessage } from './inbox/inbox-message.entity';
import { CreateInboxMessages1764300000000 } from './migrations/1764300000000-create-inbox-messages';

/** Tables every service with a database has; a service adds its own entities and migrations. */
export const SHARED_ENTITIES = [InboxMessage];
export const SHARED_MIGRATIONS = [CreateInboxMessages1764300000000];
