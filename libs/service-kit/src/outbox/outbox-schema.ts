import { CreateOutboxMessages1765200000000 } from './migrations/1765200000000-create-outbox-messages';
import { OutboxMessage } from './outbox-message.entity';

/** What a service that publishes through a MessageOutbox adds to its schema. */
export const OUTBOX_ENTITIES = [OutboxMessage];
export const OUTBOX_MIGRATIONS = [CreateOutboxMessages1765200000000];
