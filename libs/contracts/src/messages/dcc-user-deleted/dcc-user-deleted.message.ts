import { IsEui64 } from '../../validators/domain-validators';

/**
 * A DCC user deleted from the registry: its keys verify nothing from now on. On `dcc.users.1` it is
 * the tombstone of the user's key (a record with no value), as compaction needs it; a consumer
 * reads the tombstone as this message.
 */
export class DccUserDeleted {
  @IsEui64()
  userId!: string;
}
