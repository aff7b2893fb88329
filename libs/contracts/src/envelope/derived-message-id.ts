import { v5 as nameBasedUuid } from 'uuid';

/** The namespace of Halfhour's name-based message IDs (RFC 9562 §5.5); fixed forever, or every derived ID changes. */
const HALFHOUR_MESSAGE_ID_NAMESPACE = 'b2fa9681-a68f-4c75-a1ad-eba2e847526a';

/**
 * The message ID of a message that its producer may send again without a record of having sent it
 * (after a crash between sending and committing what it read): the same kind and parts always give
 * the same UUID, so a repeat is one consumers drop by its ID, as the contract tells them to.
 */
export function derivedMessageId(kind: string, ...parts: readonly string[]): string {
  return nameBasedUuid(JSON.stringify([kind, ...parts]), HALFHOUR_MESSAGE_ID_NAMESPACE);
}
