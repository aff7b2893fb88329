import { defineMessage } from '../../topics/topic-definition';
import { DccUserDeleted } from './dcc-user-deleted.message';

export const dccUserDeleted = defineMessage<DccUserDeleted>({
  type: 'dcc.user-deleted',
  schemaVersion: 1,
  messageClass: DccUserDeleted,
  summary: 'A DCC user deleted: published as a tombstone (the user ID as key, no value); its keys stop verifying at once.',
  keyOf: (m) => m.userId,
  example: { userId: '90-B3-D5-1F-30-01-00-01' },
});
